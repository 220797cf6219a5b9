"""The REST path: the five POST operations at ``/ai/run/{model}``, from the request to the
answer, with the batch queue (``queueRequest=true``) they share.

``routes`` serves the catch-all route and dispatches on the operation's body kind; ``inputs``
checks the request bodies and options; ``recognise`` runs the engine; ``results`` writes each
model's answer. Nothing is imported here: ``context`` holds the batch store and the routes
need ``context``, so loading the routes with the package would be a circle.
"""
