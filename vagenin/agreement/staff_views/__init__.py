"""The secretariat's editing of the agreement: periods, signatories, principles, areas, themes and bodies.

Every view needs a logged-in secretariat coordinator; the access helpers in permissions.py raise 403 for
anyone else. Forms get a copy of the object, because a model form writes its cleaned values onto its instance
and the services find the changes by comparing with the untouched original.
"""
