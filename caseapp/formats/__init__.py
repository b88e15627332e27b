"""Date and time formats per language, read by Django through FORMAT_MODULE_PATH.

Each language's module overrides only what differs from Django's own for that language, so
admin lists, forms and history write dates as the public site does.
"""
