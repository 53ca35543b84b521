"""tf.DType and the dtype constants (values of types.proto)."""
import numpy as np

_NAMES = {
    1: "float32", 2: "float64", 3: "int32", 4: "uint8", 5: "int16", 6: "int8",
    7: "string", 8: "complex64", 9: "int64", 10: "bool", 11: "qint8",
    12: "quint8", 13: "qint32", 14: "bfloat16", 15: "qint16", 16: "quint16",
    17: "uint16", 18: "complex128", 19: "float16", 20: "resource",
    21: "variant", 22: "uint32", 23: "uint64",
}
_NUMPY = {
    1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 5: np.int16,
    6: np.int8, 7: object, 8: np.complex64, 9: np.int64, 10: np.bool_,
    11: np.int8, 12: np.uint8, 13: np.int32, 15: np.int16, 16: np.uint16,
    17: np.uint16, 18: np.complex128, 19: np.float16, 22: np.uint32,
    23: np.uint64,
}
_REF = 100


class DType(object):
    """A TensorFlow element type (tf.DType)."""

    def __init__(self, type_enum):
        self._type_enum = int(type_enum)

    @property
    def _is_ref_dtype(self):
        return self._type_enum > _REF

    @property
    def base_dtype(self):
        return as_dtype(self._type_enum - _REF) if self._is_ref_dtype else self

    @property
    def real_dtype(self):
        base = self.base_dtype
        return {8: float32, 18: float64}.get(base._type_enum, base)

    @property
    def as_datatype_enum(self):
        return self._type_enum

    @property
    def name(self):
        base = self._type_enum - _REF if self._is_ref_dtype else self._type_enum
        name = _NAMES.get(base, "dtype_%d" % base)
        return name + "_ref" if self._is_ref_dtype else name

    @property
    def as_numpy_dtype(self):
        base = self.base_dtype._type_enum
        if base not in _NUMPY:
            raise TypeError("%s has no numpy type" % self.name)
        return _NUMPY[base]

    @property
    def is_floating(self):
        return self.base_dtype._type_enum in (1, 2, 14, 19)

    @property
    def is_integer(self):
        return self.base_dtype._type_enum in (3, 4, 5, 6, 9, 17, 22, 23)

    @property
    def is_complex(self):
        return self.base_dtype._type_enum in (8, 18)

    @property
    def is_bool(self):
        return self.base_dtype._type_enum == 10

    @property
    def is_quantized(self):
        return self.base_dtype._type_enum in (11, 12, 13, 15, 16)

    @property
    def is_unsigned(self):
        return self.base_dtype._type_enum in (4, 17, 22, 23, 10)

    @property
    def size(self):
        if self.base_dtype._type_enum in (7, 20, 21):
            return 1
        return np.dtype(self.as_numpy_dtype).itemsize

    def _as_ref(self):
        return self if self._is_ref_dtype else as_dtype(self._type_enum + _REF)

    def is_compatible_with(self, other):
        other = as_dtype(other)
        return self._type_enum in (other._type_enum,
                                   other.base_dtype._type_enum)

    def __eq__(self, other):
        if other is None:
            return False
        try:
            return self._type_enum == as_dtype(other)._type_enum
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return self._type_enum

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: %r>" % self.name

    def __reduce__(self):
        return as_dtype, (self.name,)


_BY_ENUM = {}
for _e in list(_NAMES) + [e + _REF for e in _NAMES]:
    _BY_ENUM[_e] = DType(_e)

float16 = half = _BY_ENUM[19]
float32 = _BY_ENUM[1]
float64 = double = _BY_ENUM[2]
bfloat16 = _BY_ENUM[14]
int8 = _BY_ENUM[6]
int16 = _BY_ENUM[5]
int32 = _BY_ENUM[3]
int64 = _BY_ENUM[9]
uint8 = _BY_ENUM[4]
uint16 = _BY_ENUM[17]
uint32 = _BY_ENUM[22]
uint64 = _BY_ENUM[23]
bool = _BY_ENUM[10]  # noqa: A001 (TF's name)
string = _BY_ENUM[7]
complex64 = _BY_ENUM[8]
complex128 = _BY_ENUM[18]
qint8 = _BY_ENUM[11]
quint8 = _BY_ENUM[12]
qint16 = _BY_ENUM[15]
quint16 = _BY_ENUM[16]
qint32 = _BY_ENUM[13]
resource = _BY_ENUM[20]
variant = _BY_ENUM[21]

__all__ = [
    "DType", "as_dtype", "float16", "half", "float32", "float64", "double",
    "bfloat16", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "bool", "string", "complex64", "complex128", "qint8",
    "quint8", "qint16", "quint16", "qint32", "resource", "variant"]

_BY_NAME = {d.name: d for d in _BY_ENUM.values()}
_BY_NAME.update({"half": float16, "float": float32, "double": float64})
_FROM_NUMPY = {
    np.dtype(np.float16): float16, np.dtype(np.float32): float32,
    np.dtype(np.float64): float64, np.dtype(np.int8): int8,
    np.dtype(np.int16): int16, np.dtype(np.int32): int32,
    np.dtype(np.int64): int64, np.dtype(np.uint8): uint8,
    np.dtype(np.uint16): uint16, np.dtype(np.uint32): uint32,
    np.dtype(np.uint64): uint64, np.dtype(np.bool_): bool,
    np.dtype(np.complex64): complex64, np.dtype(np.complex128): complex128,
    np.dtype(object): string,
}


def as_dtype(type_value):
    """tf.as_dtype: a DType from a DType, enum, name, numpy or Python type."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, (int, np.integer)) and not isinstance(
            type_value, (np.bool_,)) and type(type_value) is not type(True):
        if int(type_value) in _BY_ENUM:
            return _BY_ENUM[int(type_value)]
    elif isinstance(type_value, str):
        if type_value in _BY_NAME:
            return _BY_NAME[type_value]
        if type_value.startswith("DT_"):
            name = type_value[3:].lower().replace("_ref", "_ref")
            name = {"float": "float32", "double": "float64",
                    "half": "float16"}.get(name, name)
            if name in _BY_NAME:
                return _BY_NAME[name]
    elif type_value in (float,):
        return float32
    elif type_value in (int,):
        return int32
    elif type_value is type(True):
        return bool
    elif type_value in (bytes, str):
        return string
    else:
        try:
            dt = np.dtype(type_value)
        except TypeError:
            dt = None
        if dt is not None:
            if dt.kind in "SUO":
                return string
            if dt in _FROM_NUMPY:
                return _FROM_NUMPY[dt]
    raise TypeError("Cannot convert value %r to a TensorFlow DType." %
                    (type_value,))
