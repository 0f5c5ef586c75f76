"""Being written."""


def read_uspto_xml(*args, **kwargs):
    raise NotImplementedError
