// TFDataType, TFShape and TFTensor (constructors from scalars and arrays,
// GetValue with rectangular or jagged results).
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace TensorFlow
{
	/// <summary>Element types (TF_DataType values).</summary>
	public enum TFDataType : uint
	{
		Unknown = 0, Float = 1, Double = 2, Int32 = 3, UInt8 = 4, Int16 = 5,
		Int8 = 6, String = 7, Complex64 = 8, Complex = 8, Int64 = 9, Bool = 10,
		QInt8 = 11, QUInt8 = 12, QInt32 = 13, BFloat16 = 14, QInt16 = 15,
		QUInt16 = 16, UInt16 = 17, Complex128 = 18, Half = 19, Resource = 20,
		Variant = 21, UInt32 = 22, UInt64 = 23
	}

	/// <summary>A tensor shape; -1 marks an unknown dimension.</summary>
	public class TFShape
	{
		readonly long [] dims;

		public static TFShape Unknown => new TFShape (null);
		public static TFShape Scalar => new TFShape (new long [0]);

		public TFShape (params long [] args) { dims = args; }

		public int NumDimensions => dims == null ? -1 : dims.Length;
		public bool IsFullySpecified {
			get {
				if (dims == null)
					return false;
				foreach (var d in dims)
					if (d < 0)
						return false;
				return true;
			}
		}
		public long this [int idx] => dims [idx];
		public long [] ToArray () => dims == null ? null : (long [])dims.Clone ();

		public override string ToString ()
		{
			if (dims == null)
				return "unknown";
			return "[" + string.Join (", ", Array.ConvertAll (dims, d => d < 0 ? "?" : d.ToString ())) + "]";
		}
	}

	/// <summary>A TF_Tensor. Arrays given to the constructors are pinned and
	/// shared with the library (or copied by it) until it calls back.</summary>
	public class TFTensor : TFDisposable
	{
		static readonly TensorDeallocator FreeTensorData = FreeTensorDataMethod;

		static void FreeTensorDataMethod (IntPtr data, IntPtr len, IntPtr closure)
		{
			if (closure == IntPtr.Zero)
				return;
			var h = GCHandle.FromIntPtr (closure);
			h.Free ();
		}

		public TFTensor (IntPtr handle) : base (handle) { }

		internal override void NativeDispose (IntPtr handle)
		{
			NativeMethods.TF_DeleteTensor (handle);
		}

		// ---- Scalars ----
		public TFTensor (float value) : this (SetupScalar (TFDataType.Float, value)) { }
		public TFTensor (double value) : this (SetupScalar (TFDataType.Double, value)) { }
		public TFTensor (int value) : this (SetupScalar (TFDataType.Int32, value)) { }
		public TFTensor (long value) : this (SetupScalar (TFDataType.Int64, value)) { }
		public TFTensor (byte value) : this (SetupScalar (TFDataType.UInt8, value)) { }
		public TFTensor (bool value) : this (SetupScalar (TFDataType.Bool, value)) { }

		// ---- Arrays of any rank (float[,], int[], double[,,], ...) ----
		public TFTensor (Array array) : this (SetupArray (array)) { }
		public TFTensor (float [] data) : this ((Array)data) { }
		public TFTensor (double [] data) : this ((Array)data) { }
		public TFTensor (int [] data) : this ((Array)data) { }
		public TFTensor (long [] data) : this ((Array)data) { }
		public TFTensor (byte [] data) : this ((Array)data) { }
		public TFTensor (bool [] data) : this ((Array)data) { }
		public TFTensor (float [,] data) : this ((Array)data) { }
		public TFTensor (double [,] data) : this ((Array)data) { }
		public TFTensor (int [,] data) : this ((Array)data) { }
		public TFTensor (long [,] data) : this ((Array)data) { }

		public static implicit operator TFTensor (float value) => new TFTensor (value);
		public static implicit operator TFTensor (double value) => new TFTensor (value);
		public static implicit operator TFTensor (int value) => new TFTensor (value);
		public static implicit operator TFTensor (long value) => new TFTensor (value);
		public static implicit operator TFTensor (Array array) => new TFTensor (array);

		/// <summary>A scalar string tensor (TF 1.x offset-table encoding,
		/// as TensorFlowSharp writes it).</summary>
		public static TFTensor CreateString (byte [] buffer)
		{
			if (buffer == null)
				throw new ArgumentNullException (nameof (buffer));
			long size = (long)NativeMethods.TF_StringEncodedSize ((IntPtr)buffer.Length);
			IntPtr handle = NativeMethods.TF_AllocateTensor (TFDataType.String, new long [0], 0, (IntPtr)(8 + size));
			IntPtr dst = NativeMethods.TF_TensorData (handle);
			Marshal.WriteInt64 (dst, 0);
			using (var status = new TFStatus ()) {
				NativeMethods.TF_StringEncode (buffer, (IntPtr)buffer.Length, dst + 8, (IntPtr)size, status.Handle);
				if (status.Error) {
					NativeMethods.TF_DeleteTensor (handle);
					status.Raise ();
				}
			}
			return new TFTensor (handle);
		}

		public static TFTensor CreateString (string s) => CreateString (Encoding.UTF8.GetBytes (s));

		static TFDataType TypeOf (Type t)
		{
			if (t == typeof (float)) return TFDataType.Float;
			if (t == typeof (double)) return TFDataType.Double;
			if (t == typeof (int)) return TFDataType.Int32;
			if (t == typeof (long)) return TFDataType.Int64;
			if (t == typeof (byte)) return TFDataType.UInt8;
			if (t == typeof (sbyte)) return TFDataType.Int8;
			if (t == typeof (short)) return TFDataType.Int16;
			if (t == typeof (ushort)) return TFDataType.UInt16;
			if (t == typeof (uint)) return TFDataType.UInt32;
			if (t == typeof (ulong)) return TFDataType.UInt64;
			if (t == typeof (bool)) return TFDataType.Bool;
			throw new ArgumentException ("unsupported element type " + t);
		}

		static Type TypeOf (TFDataType dt)
		{
			switch (dt) {
			case TFDataType.Float: return typeof (float);
			case TFDataType.Double: return typeof (double);
			case TFDataType.Int32: return typeof (int);
			case TFDataType.Int64: return typeof (long);
			case TFDataType.UInt8: return typeof (byte);
			case TFDataType.Int8: return typeof (sbyte);
			case TFDataType.Int16: return typeof (short);
			case TFDataType.UInt16: return typeof (ushort);
			case TFDataType.UInt32: return typeof (uint);
			case TFDataType.UInt64: return typeof (ulong);
			case TFDataType.Bool: return typeof (bool);
			case TFDataType.String: return typeof (string);
			default: throw new NotSupportedException ("unsupported tensor type " + dt);
			}
		}

		static IntPtr SetupScalar<T> (TFDataType dt, T value) where T : struct
		{
			int size = Marshal.SizeOf (typeof (T));
			if (typeof (T) == typeof (bool))
				size = 1;
			IntPtr handle = NativeMethods.TF_AllocateTensor (dt, new long [0], 0, (IntPtr)size);
			IntPtr data = NativeMethods.TF_TensorData (handle);
			var bytes = new byte [size];
			if (typeof (T) == typeof (bool))
				bytes [0] = (bool)(object)value ? (byte)1 : (byte)0;
			else
				Buffer.BlockCopy (new T [] { value }, 0, bytes, 0, size);
			Marshal.Copy (bytes, 0, data, size);
			return handle;
		}

		static IntPtr SetupArray (Array array)
		{
			if (array == null)
				throw new ArgumentNullException (nameof (array));
			Type et = array.GetType ().GetElementType ();
			TFDataType dt = TypeOf (et);
			var dims = new long [array.Rank];
			for (int i = 0; i < array.Rank; i++)
				dims [i] = array.GetLength (i);
			long size = (long)Buffer.ByteLength (array);
			// Pinned and handed to TF_NewTensor; the library copies it if it
			// is not aligned and calls FreeTensorData when done with it.
			GCHandle pin = GCHandle.Alloc (array, GCHandleType.Pinned);
			IntPtr handle = NativeMethods.TF_NewTensor (dt, dims, dims.Length,
				pin.AddrOfPinnedObject (), (IntPtr)size, FreeTensorData,
				GCHandle.ToIntPtr (pin));
			if (handle == IntPtr.Zero)
				throw new ArgumentException ("TF_NewTensor rejected the array");
			return handle;
		}

		public TFDataType TensorType => NativeMethods.TF_TensorType (Handle);
		public int NumDims => NativeMethods.TF_NumDims (Handle);
		public long GetTensorDimension (int dimIndex) => NativeMethods.TF_Dim (Handle, dimIndex);
		public ulong TensorByteSize => (ulong)NativeMethods.TF_TensorByteSize (Handle);
		public IntPtr Data => NativeMethods.TF_TensorData (Handle);

		public long [] Shape {
			get {
				var dims = new long [NumDims];
				for (int i = 0; i < dims.Length; i++)
					dims [i] = NativeMethods.TF_Dim (Handle, i);
				return dims;
			}
		}

		/// <summary>The value: a boxed scalar for rank 0, else an array of
		/// the tensor's rank (float[,] for a 2-D float tensor), or nested
		/// one-dimensional arrays (float[][]) when jagged.</summary>
		public object GetValue (bool jagged = false)
		{
			if (Handle == IntPtr.Zero)
				ObjectDisposedException ();
			var dims = Shape;
			TFDataType dt = TensorType;
			Type et = TypeOf (dt);
			long count = 1;
			foreach (var d in dims)
				count *= d;
			Array flat = dt == TFDataType.String ? ReadStrings (count) : ReadFlat (et, count);
			if (dims.Length == 0)
				return flat.GetValue (0);
			if (jagged)
				return Jagged (flat, et, dims, 0, 0);
			var lengths = Array.ConvertAll (dims, d => checked((int)d));
			Array result = Array.CreateInstance (et, lengths);
			if (dt == TFDataType.String) {
				var index = new int [dims.Length];
				for (long i = 0; i < count; i++) {
					long rest = i;
					for (int d = dims.Length - 1; d >= 0; d--) {
						index [d] = (int)(rest % dims [d]);
						rest /= dims [d];
					}
					result.SetValue (flat.GetValue (i), index);
				}
			} else if (count > 0) {
				Buffer.BlockCopy (flat, 0, result, 0, Buffer.ByteLength (flat));
			}
			return result;
		}

		Array ReadFlat (Type et, long count)
		{
			int size = et == typeof (bool) ? 1 : Marshal.SizeOf (et);
			var bytes = new byte [count * size];
			if (bytes.Length > 0)
				Marshal.Copy (Data, bytes, 0, bytes.Length);
			Array flat = Array.CreateInstance (et, count);
			if (bytes.Length > 0)
				Buffer.BlockCopy (bytes, 0, flat, 0, bytes.Length);
			return flat;
		}

		// TF_TString records (24 bytes): the low 2 bits of byte 0 give the
		// representation (0 small, 1 large, 2 offset, 3 view).
		string [] ReadStrings (long count)
		{
			var result = new string [count];
			IntPtr data = Data;
			for (long i = 0; i < count; i++) {
				IntPtr rec = data + (int)(i * 24);
				byte b0 = Marshal.ReadByte (rec);
				int type = b0 & 3;
				long size;
				IntPtr p;
				switch (type) {
				case 0:
					size = b0 >> 2;
					p = rec + 1;
					break;
				case 2:
					size = (long)((uint)Marshal.ReadInt32 (rec) >> 2);
					p = rec + Marshal.ReadInt32 (rec + 4);
					break;
				default:
					size = (long)((ulong)Marshal.ReadInt64 (rec) >> 2);
					p = Marshal.ReadIntPtr (rec + (type == 1 ? 16 : 8));
					break;
				}
				var bytes = new byte [size];
				if (size > 0)
					Marshal.Copy (p, bytes, 0, (int)size);
				result [i] = Encoding.UTF8.GetString (bytes);
			}
			return result;
		}

		static Array Jagged (Array flat, Type et, long [] dims, int level, long offset)
		{
			int n = (int)dims [level];
			if (level == dims.Length - 1) {
				Array leaf = Array.CreateInstance (et, n);
				Array.Copy (flat, offset, leaf, 0, n);
				return leaf;
			}
			long stride = 1;
			for (int d = level + 1; d < dims.Length; d++)
				stride *= dims [d];
			Type inner = et;
			for (int d = level + 1; d < dims.Length; d++)
				inner = inner.MakeArrayType ();
			Array result = Array.CreateInstance (inner, n);
			for (int i = 0; i < n; i++)
				result.SetValue (Jagged (flat, et, dims, level + 1, offset + i * stride), i);
			return result;
		}

		public override string ToString ()
		{
			return string.Format ("TFTensor ({0}, [{1}])", TensorType, string.Join (",", Shape));
		}
	}
}
