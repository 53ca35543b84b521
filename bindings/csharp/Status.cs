// TFCode, TFStatus, TFException, TFDisposable, TFBuffer, TFCore.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace TensorFlow
{
	/// <summary>TensorFlow error codes (TF_Code).</summary>
	public enum TFCode : uint
	{
		Ok = 0, Cancelled = 1, Unknown = 2, InvalidArgument = 3,
		DeadlineExceeded = 4, NotFound = 5, AlreadyExists = 6,
		PermissionDenied = 7, Unauthenticated = 16, ResourceExhausted = 8,
		FailedPrecondition = 9, Aborted = 10, OutOfRange = 11,
		Unimplemented = 12, Internal = 13, Unavailable = 14, DataLoss = 15
	}

	/// <summary>An error reported by TensorFlow (the status message).</summary>
	public class TFException : Exception
	{
		public TFException (string message) : base (message) { }
	}

	/// <summary>Base of the classes owning a native handle: Dispose or the
	/// finalizer (on the finalizer thread, in any order) frees it once.</summary>
	public abstract class TFDisposable : IDisposable
	{
		IntPtr handle;
		public IntPtr Handle => handle;

		protected TFDisposable () { }
		protected TFDisposable (IntPtr handle) { this.handle = handle; }

		~TFDisposable () { Dispose (false); }

		public void Dispose ()
		{
			Dispose (true);
			GC.SuppressFinalize (this);
		}

		/// <summary>Frees the native object; called at most once.</summary>
		internal abstract void NativeDispose (IntPtr handle);

		public virtual void Dispose (bool disposing)
		{
			IntPtr h = Interlocked.Exchange (ref handle, IntPtr.Zero);
			if (h != IntPtr.Zero)
				NativeDispose (h);
		}

		internal void SetHandle (IntPtr h) { handle = h; }

		internal static void ObjectDisposedException ()
		{
			throw new ObjectDisposedException ("The object was disposed");
		}
	}

	/// <summary>A TF_Status: code and message of the last call that took it.</summary>
	public class TFStatus : TFDisposable
	{
		[ThreadStatic] static TFStatus def;

		/// <summary>A per-thread status used when callers pass none.</summary>
		public static TFStatus Default {
			get {
				if (def == null)
					def = new TFStatus ();
				return def;
			}
		}

		public TFStatus () : base (NativeMethods.TF_NewStatus ()) { }

		internal override void NativeDispose (IntPtr handle)
		{
			NativeMethods.TF_DeleteStatus (handle);
		}

		public void SetStatusCode (TFCode code, string msg)
		{
			NativeMethods.TF_SetStatus (Handle, code, msg);
		}

		public TFCode StatusCode => NativeMethods.TF_GetCode (Handle);
		public string StatusMessage => NativeMethods.String (NativeMethods.TF_Message (Handle));
		public bool Ok => StatusCode == TFCode.Ok;
		public bool Error => StatusCode != TFCode.Ok;

		public override string ToString ()
		{
			return string.Format ("[TFStatus: StatusCode={0}, StatusMessage={1}]", StatusCode, StatusMessage);
		}

		/// <summary>Throws a TFException with the message if not Ok.</summary>
		public void Raise ()
		{
			if (Error)
				throw new TFException (StatusMessage);
		}

		/// <summary>If `incoming` is null, throws on error from `this`
		/// (a status the binding created); true if Ok.</summary>
		public bool CheckMaybeRaise (TFStatus incoming, bool last = true)
		{
			if (incoming == null) {
				if (Error) {
					var e = new TFException (StatusMessage);
					if (last)
						Dispose ();
					throw e;
				}
				if (last)
					Dispose ();
				return true;
			}
			return incoming.Ok;
		}

		internal static TFStatus Setup (TFStatus incoming)
		{
			return incoming ?? new TFStatus ();
		}
	}

	/// <summary>A TF_Buffer (usually a serialized protocol buffer).</summary>
	public class TFBuffer : TFDisposable
	{
		static readonly BufferDeallocator FreeHGlobal = (data, len) => Marshal.FreeHGlobal (data);

		internal TFBuffer (IntPtr handle) : base (handle) { }

		public TFBuffer () : base (NativeMethods.TF_NewBuffer ()) { }

		/// <summary>A buffer holding a copy of `buffer[start, start+count)`;
		/// the fields are written here, as TensorFlowSharp does.</summary>
		public TFBuffer (byte [] buffer, int start, int count) : this ()
		{
			if (buffer == null)
				throw new ArgumentNullException (nameof (buffer));
			if (start < 0 || count < 0 || start > buffer.Length - count)
				throw new ArgumentException ("start and count out of range");
			IntPtr data = Marshal.AllocHGlobal (Math.Max (count, 1));
			Marshal.Copy (buffer, start, data, count);
			var llb = new LLBuffer {
				data = data,
				length = (IntPtr)count,
				data_deallocator = Marshal.GetFunctionPointerForDelegate (FreeHGlobal)
			};
			Marshal.StructureToPtr (llb, Handle, false);
		}

		public TFBuffer (byte [] buffer) : this (buffer, 0, buffer.Length) { }

		internal override void NativeDispose (IntPtr handle)
		{
			NativeMethods.TF_DeleteBuffer (handle);
		}

		/// <summary>A copy of the bytes.</summary>
		public byte [] ToArray ()
		{
			if (Handle == IntPtr.Zero)
				return null;
			var llb = Marshal.PtrToStructure<LLBuffer> (Handle);
			var result = new byte [(long)llb.length];
			if (result.Length > 0)
				Marshal.Copy (llb.data, result, 0, result.Length);
			return result;
		}
	}

	/// <summary>Library-wide information.</summary>
	public static class TFCore
	{
		public static string Version => NativeMethods.String (NativeMethods.TF_Version ());

		public static long GetDataTypeSize (TFDataType dt)
		{
			return (long)NativeMethods.TF_DataTypeSize (dt);
		}
	}
}
