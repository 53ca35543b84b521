// TFGraph, TFOperation, TFOutput, TFImportGraphDefOptions.
using System;
using System.Collections.Generic;

namespace TensorFlow
{
	/// <summary>Options of TFGraph.Import (TF_ImportGraphDefOptions).</summary>
	public class TFImportGraphDefOptions : TFDisposable
	{
		public TFImportGraphDefOptions () : base (NativeMethods.TF_NewImportGraphDefOptions ()) { }

		internal override void NativeDispose (IntPtr handle)
		{
			NativeMethods.TF_DeleteImportGraphDefOptions (handle);
		}

		public void SetPrefix (string prefix)
		{
			NativeMethods.TF_ImportGraphDefOptionsSetPrefix (Handle, prefix ?? "");
		}
	}

	/// <summary>A TF_Graph. Operations are looked up with the indexer:
	/// graph["input"][0] is the first output of operation "input".</summary>
	public class TFGraph : TFDisposable
	{
		public TFGraph () : base (NativeMethods.TF_NewGraph ()) { }

		internal TFGraph (IntPtr handle) : base (handle) { }

		internal override void NativeDispose (IntPtr handle)
		{
			// Deferred by the library while sessions still use the graph.
			NativeMethods.TF_DeleteGraph (handle);
		}

		/// <summary>Imports a serialized GraphDef; node n becomes prefix/n
		/// (no prefix when empty). Throws TFException when status is null
		/// and the import fails.</summary>
		public void Import (byte [] buffer, string prefix = "", TFStatus status = null)
		{
			if (buffer == null)
				throw new ArgumentNullException (nameof (buffer));
			using (var options = new TFImportGraphDefOptions ()) {
				options.SetPrefix (prefix);
				Import (buffer, options, status);
			}
		}

		public void Import (byte [] buffer, TFImportGraphDefOptions options, TFStatus status = null)
		{
			if (Handle == IntPtr.Zero)
				ObjectDisposedException ();
			using (var tb = new TFBuffer (buffer))
				Import (tb, options, status);
		}

		public void Import (TFBuffer graphDef, TFImportGraphDefOptions options, TFStatus status = null)
		{
			var cstatus = TFStatus.Setup (status);
			NativeMethods.TF_GraphImportGraphDef (Handle, graphDef.Handle, options.Handle, cstatus.Handle);
			cstatus.CheckMaybeRaise (status);
		}

		/// <summary>The operation named `name`, or null.</summary>
		public TFOperation this [string name] {
			get {
				if (Handle == IntPtr.Zero)
					ObjectDisposedException ();
				IntPtr h = NativeMethods.TF_GraphOperationByName (Handle, name);
				return h == IntPtr.Zero ? null : new TFOperation (this, h);
			}
		}

		/// <summary>Every operation, in insertion order.</summary>
		public IEnumerable<TFOperation> GetEnumerator ()
		{
			IntPtr pos = IntPtr.Zero;
			IntPtr h;
			while ((h = NativeMethods.TF_GraphNextOperation (Handle, ref pos)) != IntPtr.Zero)
				yield return new TFOperation (this, h);
		}

		/// <summary>The static shape of an output (-1 = unknown).</summary>
		public TFShape GetTensorShape (TFOutput output, TFStatus status = null)
		{
			var cstatus = TFStatus.Setup (status);
			int n = NativeMethods.TF_GraphGetTensorNumDims (Handle, output.ToNative (), cstatus.Handle);
			if (!cstatus.CheckMaybeRaise (status, last: false))
				return null;
			if (n < 0) {
				cstatus.CheckMaybeRaise (status);
				return TFShape.Unknown;
			}
			var dims = new long [n];
			NativeMethods.TF_GraphGetTensorShape (Handle, output.ToNative (), dims, n, cstatus.Handle);
			cstatus.CheckMaybeRaise (status);
			return new TFShape (dims);
		}

		/// <summary>The serialized GraphDef.</summary>
		public void ToGraphDef (TFBuffer outputGraphDef, TFStatus status = null)
		{
			var cstatus = TFStatus.Setup (status);
			NativeMethods.TF_GraphToGraphDef (Handle, outputGraphDef.Handle, cstatus.Handle);
			cstatus.CheckMaybeRaise (status);
		}
	}

	/// <summary>A TF_Operation (owned by its graph).</summary>
	public class TFOperation
	{
		internal readonly IntPtr handle;
		public IntPtr Handle => handle;
		public TFGraph Graph { get; }

		internal TFOperation (TFGraph graph, IntPtr handle)
		{
			Graph = graph;
			this.handle = handle;
		}

		public string Name => NativeMethods.String (NativeMethods.TF_OperationName (handle));
		public string OpType => NativeMethods.String (NativeMethods.TF_OperationOpType (handle));
		public int NumOutputs => NativeMethods.TF_OperationNumOutputs (handle);
		public int NumInputs => NativeMethods.TF_OperationNumInputs (handle);

		/// <summary>Output idx of this operation.</summary>
		public TFOutput this [int idx] => new TFOutput (this, idx);

		public override string ToString () => Name;
	}

	/// <summary>One output of an operation (TF_Output).</summary>
	public struct TFOutput
	{
		internal IntPtr LLOperation;
		public int Index;

		public TFOutput (TFOperation operation, int index = 0)
		{
			if (operation == null)
				throw new ArgumentNullException (nameof (operation), "Outputs do not have a valid operation pointer");
			LLOperation = operation.handle;
			Index = index;
			Operation = operation;
		}

		public TFOperation Operation { get; }

		public TFDataType OutputType =>
			LLOperation == IntPtr.Zero ? TFDataType.Unknown : NativeMethods.TF_OperationOutputType (ToNative ());

		internal NativeOutput ToNative () => new NativeOutput { oper = LLOperation, index = Index };

		public override string ToString () =>
			string.Format ("[{3} Index={1} Operation={2} (0x{0:X})]", (long)LLOperation, Index, Operation, OutputType);
	}
}
