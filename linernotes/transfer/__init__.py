"""Moving content in and out: demo content now; WordPress import and full export later.

Owns no models. May import any app; no app imports transfer. Writes only through
the other apps' services.
"""
