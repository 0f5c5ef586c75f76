"""Being written."""


def read_patentsview(*args, **kwargs):
    raise NotImplementedError
