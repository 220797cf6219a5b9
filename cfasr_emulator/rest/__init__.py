"""The REST path: the five POST operations at ``/ai/run/{model}``, from the request to the
answer, with the batch queue (``queueRequest=true``) they share.

``routes`` runs the checks every model shares and dispatches on the operation's body kind to
``handlers``; ``inputs`` and the ``*_input`` modules check the bodies and options;
``recognise`` runs the engine; ``results`` writes each model's result and ``answer`` its
envelope. Nothing is imported here: ``context`` holds the batch store and the routes need
``context``, so loading the routes with the package would be a circle.
"""
