"""Namespaces of tfpersist.compat.v1 whose unknown names raise
NotImplementedError naming the symbol (module-level __getattr__)."""
import sys
import types

DOC_HINT = "see docs/python.md for what tfpersist.compat.v1 provides"


def not_implemented_getattr(module_name):
    def __getattr__(name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise NotImplementedError("%s.%s is not implemented by tfpersist (%s)"
                                  % (module_name, name, DOC_HINT))
    return __getattr__


def namespace(full_name, symbols, doc=""):
    """A module `full_name` holding `symbols`, registered in sys.modules."""
    module = types.ModuleType(full_name, doc)
    module.__dict__.update(symbols)
    module.__getattr__ = not_implemented_getattr(full_name)
    module.__all__ = sorted(k for k in symbols if not k.startswith("_"))
    sys.modules[full_name] = module
    return module
