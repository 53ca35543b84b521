"""tf.gfile: file access with TF's names (local file system only)."""
import glob as _glob
import os
import shutil

from tfpersist import errors


def _not_found(path, e):
    return errors.NotFoundError(None, None, "%s; %s" % (path, e.strerror or e))


class GFile(object):
    """tf.gfile.GFile: a file object; binary modes accept str (encoded as
    UTF-8), text modes accept bytes (decoded), as TF's does."""

    def __init__(self, name, mode="r"):
        self._name = os.fspath(name)
        self._mode = mode
        self._binary = "b" in mode
        try:
            if self._binary:
                self._f = open(self._name, mode)
            else:
                self._f = open(self._name, mode, encoding="utf-8")
        except FileNotFoundError as e:
            raise _not_found(self._name, e) from None
        except PermissionError as e:
            raise errors.PermissionDeniedError(
                None, None, "%s; %s" % (self._name, e.strerror)) from None

    @property
    def name(self):
        return self._name

    @property
    def mode(self):
        return self._mode

    def write(self, file_content):
        if self._binary and isinstance(file_content, str):
            file_content = file_content.encode("utf-8")
        elif not self._binary and isinstance(file_content, bytes):
            file_content = file_content.decode("utf-8")
        self._f.write(file_content)

    def read(self, n=-1):
        return self._f.read(n)

    def readline(self):
        return self._f.readline()

    def readlines(self):
        return self._f.readlines()

    def __iter__(self):
        return iter(self._f)

    def __next__(self):
        return next(self._f)

    next = __next__

    def seek(self, offset=None, whence=0, position=None):
        if position is not None:
            offset = position
        self._f.seek(offset, whence)

    def tell(self):
        return self._f.tell()

    def size(self):
        return os.path.getsize(self._name)

    def flush(self):
        self._f.flush()

    def close(self):
        self._f.close()

    def seekable(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False


FastGFile = GFile
Open = GFile


def Exists(filename):  # noqa: N802 (TF's names below)
    return os.path.exists(os.fspath(filename))


def IsDirectory(dirname):  # noqa: N802
    return os.path.isdir(os.fspath(dirname))


def MakeDirs(dirname):  # noqa: N802
    os.makedirs(os.fspath(dirname), exist_ok=True)


def MkDir(dirname):  # noqa: N802
    try:
        os.mkdir(os.fspath(dirname))
    except FileExistsError:
        raise errors.AlreadyExistsError(None, None, "%s; File exists" %
                                        dirname) from None


def ListDirectory(dirname):  # noqa: N802
    try:
        return sorted(os.listdir(os.fspath(dirname)))
    except FileNotFoundError as e:
        raise errors.NotFoundError(None, None, "Could not find directory %s"
                                   % dirname) from e


def Glob(filename):  # noqa: N802
    return sorted(_glob.glob(os.fspath(filename)))


def Remove(filename):  # noqa: N802
    try:
        os.remove(os.fspath(filename))
    except FileNotFoundError as e:
        raise _not_found(filename, e) from None


def DeleteRecursively(dirname):  # noqa: N802
    try:
        shutil.rmtree(os.fspath(dirname))
    except FileNotFoundError as e:
        raise _not_found(dirname, e) from None


def Rename(oldname, newname, overwrite=False):  # noqa: N802
    if not overwrite and os.path.exists(newname):
        raise errors.AlreadyExistsError(None, None, "%s; File exists" %
                                        newname)
    os.replace(os.fspath(oldname), os.fspath(newname))


def Copy(oldpath, newpath, overwrite=False):  # noqa: N802
    if not overwrite and os.path.exists(newpath):
        raise errors.AlreadyExistsError(None, None, "%s; File exists" %
                                        newpath)
    shutil.copyfile(os.fspath(oldpath), os.fspath(newpath))


def Walk(top, in_order=True):  # noqa: N802
    for dirpath, dirnames, filenames in os.walk(os.fspath(top),
                                                topdown=in_order):
        yield dirpath, sorted(dirnames), sorted(filenames)


class _Stat(object):
    def __init__(self, st, path):
        self.length = st.st_size
        self.mtime_nsec = st.st_mtime_ns
        self.is_directory = os.path.isdir(path)


def Stat(filename):  # noqa: N802
    try:
        return _Stat(os.stat(os.fspath(filename)), filename)
    except FileNotFoundError as e:
        raise _not_found(filename, e) from None
