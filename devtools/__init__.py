"""Development tools that need Discord but are not the product: the local Discord stand-in (`standin`) and the
benchmarks that run the real bot against it (`bench`).

Not shipped: the wheel holds `bot` and `cogs` only, and nothing there imports this package (an import contract in
pyproject.toml says so). The test suite imports it from the checkout; `briefbot bench` runs its burst from the
checkout when there is one and says so when there is not.
"""
