// TFSessionOptions, TFSession and TFSession.Runner.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace TensorFlow
{
	/// <summary>Options for new sessions (TF_SessionOptions).</summary>
	public class TFSessionOptions : TFDisposable
	{
		public TFSessionOptions () : base (NativeMethods.TF_NewSessionOptions ()) { }

		internal override void NativeDispose (IntPtr handle)
		{
			NativeMethods.TF_DeleteSessionOptions (handle);
		}

		public void SetTarget (string target)
		{
			NativeMethods.TF_SetTarget (Handle, target);
		}

		/// <summary>Sets a serialized ConfigProto.</summary>
		public void SetConfig (IntPtr protoData, int length, TFStatus status = null)
		{
			var cstatus = TFStatus.Setup (status);
			NativeMethods.TF_SetConfig (Handle, protoData, (IntPtr)length, cstatus.Handle);
			cstatus.CheckMaybeRaise (status);
		}
	}

	/// <summary>A TF_Session over a graph. Runs are made with GetRunner().
	/// Thread-safe: runners of one session may run concurrently.</summary>
	public class TFSession : TFDisposable
	{
		public TFGraph Graph { get; private set; }

		TFSession (IntPtr handle, TFGraph graph) : base (handle) { Graph = graph; }

		public TFSession (TFGraph graph, TFSessionOptions sessionOptions, TFStatus status = null)
		{
			Graph = graph;
			var cstatus = TFStatus.Setup (status);
			IntPtr h = NativeMethods.TF_NewSession (graph.Handle, sessionOptions.Handle, cstatus.Handle);
			SetHandle (h);
			cstatus.CheckMaybeRaise (status);
		}

		public TFSession (TFGraph graph, TFStatus status = null)
		{
			Graph = graph;
			var cstatus = TFStatus.Setup (status);
			using (var empty = new TFSessionOptions ()) {
				IntPtr h = NativeMethods.TF_NewSession (graph.Handle, empty.Handle, cstatus.Handle);
				SetHandle (h);
			}
			cstatus.CheckMaybeRaise (status);
		}

		public TFSession (TFStatus status = null) : this (new TFGraph (), status) { }

		internal override void NativeDispose (IntPtr handle)
		{
			using (var s = new TFStatus ())
				NativeMethods.TF_DeleteSession (handle, s.Handle);
		}

		/// <summary>Loads a SavedModel (TF_LoadSessionFromSavedModel) into
		/// `graph`, which must be empty; `metaGraphDef` (not null) receives
		/// the chosen MetaGraphDef.</summary>
		public static TFSession FromSavedModel (TFSessionOptions sessionOptions, TFBuffer runOptions,
			string exportDir, string [] tags, TFGraph graph, TFBuffer metaGraphDef, TFStatus status = null)
		{
			if (graph == null)
				throw new ArgumentNullException (nameof (graph));
			if (tags == null)
				throw new ArgumentNullException (nameof (tags));
			if (exportDir == null)
				throw new ArgumentNullException (nameof (exportDir));
			if (metaGraphDef == null)
				throw new ArgumentNullException (nameof (metaGraphDef));
			var cstatus = TFStatus.Setup (status);
			IntPtr h = NativeMethods.TF_LoadSessionFromSavedModel (sessionOptions.Handle,
				runOptions == null ? IntPtr.Zero : runOptions.Handle, exportDir, tags, tags.Length,
				graph.Handle, metaGraphDef.Handle, cstatus.Handle);
			if (cstatus.CheckMaybeRaise (status))
				return new TFSession (h, graph);
			return null;
		}

		public void CloseSession (TFStatus status = null)
		{
			var cstatus = TFStatus.Setup (status);
			NativeMethods.TF_CloseSession (Handle, cstatus.Handle);
			cstatus.CheckMaybeRaise (status);
		}

		public void DeleteSession (TFStatus status = null)
		{
			Dispose ();
		}

		public Runner GetRunner () => new Runner (this);

		/// <summary>Runs with explicit feeds, fetches and targets; returns
		/// the fetched tensors (caller-owned).</summary>
		public TFTensor [] Run (TFOutput [] inputs, TFTensor [] inputValues, TFOutput [] outputs,
			TFOperation [] targetOpers = null, TFBuffer runMetadata = null, TFBuffer runOptions = null,
			TFStatus status = null)
		{
			if (Handle == IntPtr.Zero)
				ObjectDisposedException ();
			if (inputs == null || inputValues == null || outputs == null)
				throw new ArgumentNullException ("inputs, inputValues and outputs must not be null");
			if (inputs.Length != inputValues.Length)
				throw new ArgumentException ("inputs and inputValues differ in length");
			var cstatus = TFStatus.Setup (status);
			var ins = Array.ConvertAll (inputs, o => o.ToNative ());
			var inValues = Array.ConvertAll (inputValues, t => t.Handle);
			var outs = Array.ConvertAll (outputs, o => o.ToNative ());
			var outValues = new IntPtr [outputs.Length];
			targetOpers = targetOpers ?? new TFOperation [0];
			var targets = Array.ConvertAll (targetOpers, op => op.Handle);
			NativeMethods.TF_SessionRun (Handle, runOptions == null ? IntPtr.Zero : runOptions.Handle,
				ins, inValues, ins.Length, outs, outValues, outs.Length, targets, targets.Length,
				runMetadata == null ? IntPtr.Zero : runMetadata.Handle, cstatus.Handle);
			GC.KeepAlive (inputValues);
			cstatus.CheckMaybeRaise (status, last: false);
			if (cstatus.Error)
				return null;
			if (status == null)
				cstatus.Dispose ();
			return Array.ConvertAll (outValues, h => new TFTensor (h));
		}

		/// <summary>Collects feeds, fetches and targets, then runs them.
		/// Names may be given as "op" or "op:index".</summary>
		public class Runner
		{
			readonly TFSession session;
			readonly List<TFOutput> inputs = new List<TFOutput> ();
			readonly List<TFOutput> outputs = new List<TFOutput> ();
			readonly List<TFTensor> inputValues = new List<TFTensor> ();
			readonly List<TFOperation> targets = new List<TFOperation> ();

			internal Runner (TFSession session) { this.session = session; }

			public TFBuffer RunMetadata, RunOptions;

			public Runner AddInput (TFOutput input, TFTensor value)
			{
				if (value == null)
					throw new ArgumentNullException (nameof (value));
				inputs.Add (input);
				inputValues.Add (value);
				return this;
			}

			public Runner AddInput (string input, TFTensor value)
			{
				return AddInput (ParseOutput (input), value);
			}

			public Runner AddTarget (params TFOperation [] targets)
			{
				foreach (var t in targets)
					this.targets.Add (t);
				return this;
			}

			public Runner AddTarget (params string [] targetNames)
			{
				foreach (var name in targetNames)
					targets.Add (Lookup (name));
				return this;
			}

			public Runner Fetch (string operation, int index)
			{
				outputs.Add (Lookup (operation) [index]);
				return this;
			}

			public Runner Fetch (string output)
			{
				outputs.Add (ParseOutput (output));
				return this;
			}

			public Runner Fetch (TFOutput output)
			{
				outputs.Add (output);
				return this;
			}

			public Runner Fetch (params TFOutput [] outputs)
			{
				this.outputs.AddRange (outputs);
				return this;
			}

			public Runner Fetch (params string [] outputs)
			{
				foreach (var o in outputs)
					this.outputs.Add (ParseOutput (o));
				return this;
			}

			TFOperation Lookup (string name)
			{
				var op = session.Graph [name];
				if (op == null)
					throw new ArgumentException ("no operation named " + name);
				return op;
			}

			TFOutput ParseOutput (string name)
			{
				int colon = name.LastIndexOf (':');
				int index = 0;
				if (colon >= 0 && int.TryParse (name.Substring (colon + 1), out index))
					return Lookup (name.Substring (0, colon)) [index];
				return Lookup (name) [0];
			}

			/// <summary>Runs; the tensors of the fetches, in order.</summary>
			public TFTensor [] Run (TFStatus status = null)
			{
				return session.Run (inputs.ToArray (), inputValues.ToArray (), outputs.ToArray (),
					targets.ToArray (), RunMetadata, RunOptions, status);
			}

			/// <summary>Fetches one output and runs.</summary>
			public TFTensor Run (TFOutput operation, TFStatus status = null)
			{
				Fetch (operation);
				var r = Run (status);
				return r == null ? null : r [r.Length - 1];
			}
		}
	}
}
