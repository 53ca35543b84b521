"""tfpersist.compat: TensorFlow-compatible APIs (v1)."""
