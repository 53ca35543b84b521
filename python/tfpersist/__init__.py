"""tfpersist: TensorFlow 1.x model persistence without TensorFlow.

Use it through TensorFlow's own API::

    import tfpersist.compat.v1 as tf

See docs/python.md for what exists. The C++ core is tfpersist._tfpersist.
"""
__version__ = "0.1.0"
