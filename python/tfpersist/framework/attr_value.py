"""Python values <-> AttrValue protos, by OpDef attr type."""
from tfpersist._proto.tensorflow.core.framework import attr_value_pb2
from tfpersist.framework import dtypes
from tfpersist.framework import tensor_shape


def _as_bytes(value):
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def _shape_proto(value):
    from tfpersist._proto.tensorflow.core.framework import tensor_shape_pb2
    if isinstance(value, tensor_shape_pb2.TensorShapeProto):
        return value
    return tensor_shape.as_shape(value).as_proto()


_SCALAR = {
    "type": lambda a, v: setattr(a, "type", dtypes.as_dtype(v)
                                 .as_datatype_enum),
    "int": lambda a, v: setattr(a, "i", int(v)),
    "float": lambda a, v: setattr(a, "f", float(v)),
    "bool": lambda a, v: setattr(a, "b", bool(v)),
    "string": lambda a, v: setattr(a, "s", _as_bytes(v)),
    "shape": lambda a, v: a.shape.CopyFrom(_shape_proto(v)),
}
_LIST = {
    "type": lambda l, v: l.type.extend(
        dtypes.as_dtype(x).as_datatype_enum for x in v),
    "int": lambda l, v: l.i.extend(int(x) for x in v),
    "float": lambda l, v: l.f.extend(float(x) for x in v),
    "bool": lambda l, v: l.b.extend(bool(x) for x in v),
    "string": lambda l, v: l.s.extend(_as_bytes(x) for x in v),
    "shape": lambda l, v: l.shape.extend(_shape_proto(x) for x in v),
}


def to_attr_value(attr_type, value, op_type="", attr_name=""):
    """An AttrValue for `value` of OpDef attr type `attr_type`."""
    attr = attr_value_pb2.AttrValue()
    if isinstance(value, attr_value_pb2.AttrValue):
        return value
    if attr_type.startswith("list("):
        inner = attr_type[5:-1]
        if inner not in _LIST:
            raise NotImplementedError("attr %s of %s: type %s" %
                                      (attr_name, op_type, attr_type))
        if not isinstance(value, (list, tuple)):
            raise TypeError("Expected list for attr %s of %s, obtained %s." %
                            (attr_name, op_type, type(value).__name__))
        attr.list.SetInParent()
        _LIST[inner](attr.list, value)
        return attr
    if attr_type == "tensor":
        from tfpersist.framework import tensor_util
        attr.tensor.CopyFrom(tensor_util.make_tensor_proto(value))
        return attr
    if attr_type not in _SCALAR:
        raise NotImplementedError("attr %s of %s: type %s" %
                                  (attr_name, op_type, attr_type))
    _SCALAR[attr_type](attr, value)
    return attr


def from_attr_value(attr):
    """The Python value of an AttrValue, as Operation.get_attr returns it."""
    which = attr.WhichOneof("value")
    if which == "type":
        return dtypes.as_dtype(attr.type)
    if which == "list":
        lst = attr.list
        for field in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
            values = list(getattr(lst, field))
            if values:
                if field == "type":
                    return [dtypes.as_dtype(t) for t in values]
                return values
        return []
    if which is None:
        return None
    return getattr(attr, which)
