"""tf.Session (TF1 graph sessions) over the C++ Session.

run() accepts TF's fetch structures (a Tensor/Operation/Variable/name, or
nested lists, tuples, namedtuples and dicts of them) and feed_dict keys as
tensors or names. The parsed form of a fetch structure is cached per
structure (like TF's make_callable), so a repeated run() costs one dict
lookup plus the C++ Session::Run.
"""
import collections
import threading

import numpy as np

from tfpersist import _tfpersist as _c
from tfpersist import errors
from tfpersist.framework import ops

_default_session_stack = threading.local()


def _session_stack():
    if not hasattr(_default_session_stack, "stack"):
        _default_session_stack.stack = []
    return _default_session_stack.stack


def get_default_session():
    stack = _session_stack()
    return stack[-1] if stack else None


def _run_using(session, fetches, feed_dict, graph):
    session = session or get_default_session()
    if session is None:
        raise ValueError("Cannot evaluate tensor using `eval()`: No default "
                         "session is registered. Use `with "
                         "sess.as_default()` or pass an explicit session to "
                         "`eval(session=sess)`")
    if session.graph is not graph:
        raise ValueError("Cannot use the given session to evaluate tensor: "
                         "the tensor's graph is different from the session's "
                         "graph.")
    return session.run(fetches, feed_dict)


class _FetchPlan(object):
    """A fetch structure flattened to tensor names and targets, with the
    function that rebuilds the structure from the fetched values."""

    def __init__(self, graph, fetches):
        self.names = []
        self.targets = []
        self.build = self._plan(graph, fetches)

    def _plan(self, graph, fetch):
        if fetch is None:
            raise TypeError("Fetch argument None has invalid type "
                            "<class 'NoneType'>")
        if isinstance(fetch, (list, tuple)):
            subs = [self._plan(graph, f) for f in fetch]
            if isinstance(fetch, tuple) and hasattr(fetch, "_fields"):
                kind = type(fetch)
                return lambda v: kind(*[s(v) for s in subs])
            kind = type(fetch)
            return lambda v: kind(s(v) for s in subs)
        if isinstance(fetch, dict):
            keys = list(fetch)
            subs = [self._plan(graph, fetch[k]) for k in keys]
            kind = type(fetch)
            if kind is collections.defaultdict:
                factory = fetch.default_factory
                def build_dd(v):
                    out = collections.defaultdict(factory)
                    out.update(zip(keys, (s(v) for s in subs)))
                    return out
                return build_dd
            return lambda v: kind(zip(keys, (s(v) for s in subs)))
        element = self._element(graph, fetch)
        if isinstance(element, ops.Operation):
            self.targets.append(element.name)
            return lambda v: None
        index = len(self.names)
        self.names.append(element.name)
        return lambda v: v[index]

    @staticmethod
    def _element(graph, fetch):
        try:
            return graph.as_graph_element(fetch, allow_tensor=True,
                                          allow_operation=True)
        except TypeError as e:
            raise TypeError("Fetch argument %r has invalid type %r, must be a "
                            "string or Tensor. (%s)" %
                            (fetch, type(fetch), str(e)))
        except (ValueError, KeyError) as e:
            raise ValueError("Fetch argument %r cannot be interpreted as a "
                             "Tensor. (%s)" % (fetch, str(e)))


def _fetch_key(fetches):
    """A hashable key for fetch structures worth caching, else None."""
    if isinstance(fetches, (ops.Tensor, ops.Operation, str)):
        return fetches
    if type(fetches) in (list, tuple):
        for f in fetches:
            if not isinstance(f, (ops.Tensor, ops.Operation, str)):
                return None
        return (type(fetches),) + tuple(fetches)
    return None


class BaseSession(object):
    """tf.Session's behaviour (see Session)."""

    def __init__(self, target="", graph=None, config=None):
        if graph is None:
            graph = ops.get_default_graph()
        if not isinstance(graph, ops.Graph):
            raise TypeError("graph must be a tf.Graph, but got %s" %
                            type(graph))
        self._graph = graph
        self._c = _c.Session(graph._c)
        self._closed = False
        self._plans = {}
        self._feed_cache = {}
        self._default_ctx = []

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        return self._graph.as_graph_def()

    @property
    def sess_str(self):
        return ""

    def list_devices(self):
        return []

    def close(self):
        if not self._closed:
            self._closed = True
            self._c.close()

    def as_default(self):
        return _DefaultSession(self)

    def _plan(self, fetches):
        key = _fetch_key(fetches)
        if key is not None:
            plan = self._plans.get(key)
            if plan is not None:
                return plan
        plan = _FetchPlan(self._graph, fetches)
        if key is not None:
            self._plans[key] = plan
        return plan

    def _feed_tensor(self, key):
        t = self._feed_cache.get(key)
        if t is not None:
            return t
        try:
            t = self._graph.as_graph_element(key, allow_tensor=True,
                                             allow_operation=False)
        except Exception as e:  # noqa: BLE001 (TF's behaviour)
            raise TypeError("Cannot interpret feed_dict key as Tensor: " +
                            (e.args[0] if e.args else str(e)))
        self._feed_cache[key] = t
        return t

    def _feeds(self, feed_dict):
        feeds = []
        for key, value in feed_dict.items():
            if hasattr(key, "_as_graph_element") and not isinstance(
                    key, ops.Tensor):
                key = key._as_graph_element()
            t = self._feed_tensor(key)
            dtype = t.dtype.base_dtype
            if isinstance(value, ops.Tensor):
                raise TypeError("The value of a feed cannot be a tf.Tensor "
                                "object. Acceptable feed values include "
                                "Python scalars, strings, lists, numpy "
                                "ndarrays, or TensorHandles.")
            np_type = dtype.as_numpy_dtype
            if isinstance(value, np.ndarray) and value.dtype == np_type:
                arr = value
            elif np_type is object:
                from tfpersist.framework import tensor_util
                arr = tensor_util.to_numpy(value, dtype)
            else:
                arr = np.asarray(value, dtype=np_type)
            shape = t.shape
            if shape.dims is not None and not shape.is_compatible_with(
                    arr.shape):
                raise ValueError("Cannot feed value of shape %r for Tensor "
                                 "%r, which has shape %r" %
                                 (arr.shape, t.name, str(shape)))
            feeds.append((t.name, arr, dtype.as_datatype_enum))
        return feeds

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Runs the graph: see tf.Session.run."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        plan = self._plan(fetches)
        feeds = self._feeds(feed_dict) if feed_dict else []
        values = self._c.run(feeds, plan.names, plan.targets)
        return plan.build(values)

    def partial_run_setup(self, *args, **kwargs):
        raise NotImplementedError("tf.Session.partial_run_setup")

    def make_callable(self, fetches, feed_list=None, accept_options=False):
        """TF's make_callable: the structure, names and dtypes are resolved
        once; each call converts only the fed values."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        plan = _FetchPlan(self._graph, fetches)
        feed_tensors = [self._feed_tensor(f) for f in (feed_list or [])]
        fn = _c.Callable(self._c, [t.name for t in feed_tensors],
                         [t.dtype.base_dtype.as_datatype_enum
                          for t in feed_tensors], plan.names, plan.targets)
        build = plan.build

        def call(*args):
            return build(fn(*args))
        return call

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass


class _DefaultSession(object):
    def __init__(self, session):
        self._session = session
        self._graph_ctx = None

    def __enter__(self):
        _session_stack().append(self._session)
        self._graph_ctx = self._session.graph.as_default()
        self._graph_ctx.__enter__()
        return self._session

    def __exit__(self, *exc):
        self._graph_ctx.__exit__(*exc)
        _session_stack().pop()
        return False


class Session(BaseSession):
    """tf.Session: `with tf.Session() as sess:` makes it the default session
    (and its graph the default graph) and closes it on exit."""

    def __enter__(self):
        self._default_ctx.append(_DefaultSession(self))
        return self._default_ctx[-1].__enter__()

    def __exit__(self, exc_type, exc_value, traceback):
        self._default_ctx.pop().__exit__(exc_type, exc_value, traceback)
        self.close()
        return False


class InteractiveSession(BaseSession):
    """tf.InteractiveSession: installs itself as the default session."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._ctx = _DefaultSession(self)
        self._ctx.__enter__()

    def close(self):
        super().close()
        if self._ctx is not None:
            ctx, self._ctx = self._ctx, None
            try:
                ctx.__exit__(None, None, None)
            except IndexError:
                pass


def _unused():
    return errors
