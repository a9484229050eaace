"""Exchange: annotations out to other tools and back in, through one shape, the Bundle.

Every format is a pair of pure functions over a Bundle (annotation/exchange/formats/), so the
store is touched only by `gather` (export) and `import_bundle` (import, all or nothing).
"""
