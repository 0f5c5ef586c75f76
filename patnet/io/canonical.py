"""Being written."""


def read_corpus(*args, **kwargs):
    raise NotImplementedError


def write_corpus(*args, **kwargs):
    raise NotImplementedError
