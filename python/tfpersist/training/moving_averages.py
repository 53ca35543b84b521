"""tf.train.ExponentialMovingAverage over the C++ implementation."""
from tfpersist import _tfpersist as _c
from tfpersist.framework import ops


class ExponentialMovingAverage(object):
    """TF1's ExponentialMovingAverage (shadow variables `<v>/<name>`)."""

    def __init__(self, decay, num_updates=None, zero_debias=False,
                 name="ExponentialMovingAverage"):
        if zero_debias:
            raise NotImplementedError(
                "tf.train.ExponentialMovingAverage(zero_debias=True)")
        self._decay = decay
        self._name = name
        self._graph = ops.get_default_graph()
        if num_updates is not None:
            from tfpersist.framework import op_def_lib
            num_updates = op_def_lib.convert_to_tensor(num_updates)._c_output()
        self._c = _c.ExponentialMovingAverage(self._graph._c, float(decay),
                                              num_updates, name)

    @property
    def name(self):
        return self._name

    def apply(self, var_list=None):
        from tfpersist.ops import variables
        if var_list is None:
            var_list = variables.trainable_variables()
        refs = []
        for v in var_list:
            if not isinstance(v, variables.Variable):
                raise NotImplementedError(
                    "ExponentialMovingAverage.apply on a Tensor")
            refs.append(v._ref)
        node = self._c.apply(refs)
        return self._graph._op_of(node)

    def average(self, var):
        ref = self._c.average(var.op.name)
        if ref is None:
            return None
        from tfpersist.ops import variables
        return variables.Variable._from_def_bytes(self._graph,
                                                  ref.variable_def())

    def average_name(self, var):
        return self._c.average_name(var.op.name)

    def variables_to_restore(self, moving_avg_variables=None):
        """{checkpoint key: Variable} for tf.train.Saver."""
        mapping = self._c.variables_to_restore()
        out = {}
        for key, op_name in mapping.items():
            out[key] = self._graph._variable_by_op_name(op_name)
        return out


def assign_moving_average(variable, value, decay, zero_debias=True,
                          name=None):
    raise NotImplementedError("tf.train.assign_moving_average")
