// P/Invoke declarations of the TensorFlow C API functions this binding
// calls (libtensorflow: tfpersist's libtensorflow.so, or TensorFlow's).
// Written for tfpersist; the public classes mirror TensorFlowSharp's names.
using System;
using System.Runtime.InteropServices;

namespace TensorFlow
{
	[StructLayout (LayoutKind.Sequential)]
	internal struct LLBuffer
	{
		internal IntPtr data;
		internal IntPtr length;
		internal IntPtr data_deallocator;
	}

	[StructLayout (LayoutKind.Sequential)]
	internal struct NativeOutput
	{
		internal IntPtr oper;
		internal int index;
	}

	[UnmanagedFunctionPointer (CallingConvention.Cdecl)]
	internal delegate void TensorDeallocator (IntPtr data, IntPtr len, IntPtr arg);

	[UnmanagedFunctionPointer (CallingConvention.Cdecl)]
	internal delegate void BufferDeallocator (IntPtr data, IntPtr len);

	internal static class NativeMethods
	{
		internal const string Library = "libtensorflow";

		// Status
		[DllImport (Library)] internal static extern IntPtr TF_NewStatus ();
		[DllImport (Library)] internal static extern void TF_DeleteStatus (IntPtr s);
		[DllImport (Library)] internal static extern void TF_SetStatus (IntPtr s, TFCode code, string msg);
		[DllImport (Library)] internal static extern TFCode TF_GetCode (IntPtr s);
		[DllImport (Library)] internal static extern IntPtr TF_Message (IntPtr s);

		// Buffer
		[DllImport (Library)] internal static extern IntPtr TF_NewBuffer ();
		[DllImport (Library)] internal static extern IntPtr TF_NewBufferFromString (IntPtr proto, IntPtr len);
		[DllImport (Library)] internal static extern void TF_DeleteBuffer (IntPtr b);

		// Misc
		[DllImport (Library)] internal static extern IntPtr TF_Version ();
		[DllImport (Library)] internal static extern IntPtr TF_DataTypeSize (TFDataType dt);

		// Tensor
		[DllImport (Library)] internal static extern IntPtr TF_NewTensor (TFDataType dtype, long [] dims, int num_dims, IntPtr data, IntPtr len, TensorDeallocator deallocator, IntPtr arg);
		[DllImport (Library)] internal static extern IntPtr TF_AllocateTensor (TFDataType dtype, long [] dims, int num_dims, IntPtr len);
		[DllImport (Library)] internal static extern void TF_DeleteTensor (IntPtr t);
		[DllImport (Library)] internal static extern TFDataType TF_TensorType (IntPtr t);
		[DllImport (Library)] internal static extern int TF_NumDims (IntPtr t);
		[DllImport (Library)] internal static extern long TF_Dim (IntPtr t, int dim);
		[DllImport (Library)] internal static extern IntPtr TF_TensorByteSize (IntPtr t);
		[DllImport (Library)] internal static extern IntPtr TF_TensorData (IntPtr t);
		[DllImport (Library)] internal static extern IntPtr TF_StringEncodedSize (IntPtr len);
		[DllImport (Library)] internal static extern IntPtr TF_StringEncode (byte [] src, IntPtr src_len, IntPtr dst, IntPtr dst_len, IntPtr status);

		// Graph
		[DllImport (Library)] internal static extern IntPtr TF_NewGraph ();
		[DllImport (Library)] internal static extern void TF_DeleteGraph (IntPtr g);
		[DllImport (Library)] internal static extern IntPtr TF_NewImportGraphDefOptions ();
		[DllImport (Library)] internal static extern void TF_DeleteImportGraphDefOptions (IntPtr o);
		[DllImport (Library)] internal static extern void TF_ImportGraphDefOptionsSetPrefix (IntPtr o, string prefix);
		[DllImport (Library)] internal static extern void TF_GraphImportGraphDef (IntPtr g, IntPtr graph_def, IntPtr options, IntPtr status);
		[DllImport (Library)] internal static extern IntPtr TF_GraphOperationByName (IntPtr g, string name);
		[DllImport (Library)] internal static extern IntPtr TF_GraphNextOperation (IntPtr g, ref IntPtr pos);
		[DllImport (Library)] internal static extern void TF_GraphToGraphDef (IntPtr g, IntPtr buffer, IntPtr status);
		[DllImport (Library)] internal static extern int TF_GraphGetTensorNumDims (IntPtr g, NativeOutput o, IntPtr status);
		[DllImport (Library)] internal static extern void TF_GraphGetTensorShape (IntPtr g, NativeOutput o, long [] dims, int num_dims, IntPtr status);

		// Operation
		[DllImport (Library)] internal static extern IntPtr TF_OperationName (IntPtr op);
		[DllImport (Library)] internal static extern IntPtr TF_OperationOpType (IntPtr op);
		[DllImport (Library)] internal static extern int TF_OperationNumOutputs (IntPtr op);
		[DllImport (Library)] internal static extern int TF_OperationNumInputs (IntPtr op);
		[DllImport (Library)] internal static extern TFDataType TF_OperationOutputType (NativeOutput o);

		// Session
		[DllImport (Library)] internal static extern IntPtr TF_NewSessionOptions ();
		[DllImport (Library)] internal static extern void TF_DeleteSessionOptions (IntPtr o);
		[DllImport (Library)] internal static extern void TF_SetTarget (IntPtr o, string target);
		[DllImport (Library)] internal static extern void TF_SetConfig (IntPtr o, IntPtr proto, IntPtr len, IntPtr status);
		[DllImport (Library)] internal static extern IntPtr TF_NewSession (IntPtr g, IntPtr opts, IntPtr status);
		[DllImport (Library)] internal static extern IntPtr TF_LoadSessionFromSavedModel (IntPtr opts, IntPtr run_options, string export_dir, string [] tags, int tags_len, IntPtr graph, IntPtr meta_graph_def, IntPtr status);
		[DllImport (Library)] internal static extern void TF_CloseSession (IntPtr s, IntPtr status);
		[DllImport (Library)] internal static extern void TF_DeleteSession (IntPtr s, IntPtr status);
		[DllImport (Library)] internal static extern void TF_SessionRun (IntPtr session, IntPtr run_options, NativeOutput [] inputs, IntPtr [] input_values, int ninputs, NativeOutput [] outputs, IntPtr [] output_values, int noutputs, IntPtr [] target_opers, int ntargets, IntPtr run_metadata, IntPtr status);

		internal static string String (IntPtr p)
		{
			return p == IntPtr.Zero ? null : Marshal.PtrToStringAnsi (p);
		}
	}
}
