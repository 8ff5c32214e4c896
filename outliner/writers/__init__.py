"""Writers: the only code that knows an output syntax."""
