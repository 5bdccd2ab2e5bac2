"""The benchmark behind `make bench`: pages, autosave under load and the PDF report, at scale.

Not part of the app: nothing here is installed, migrated or imported by the app's own modules.
"""
