"""ASGI entry point: HTTP goes to Django, WebSocket to Channels consumers (Origin-checked, live streams capped
per process before authentication, then authenticated)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()  # must run before anything imports models

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

from config.routing import websocket_urlpatterns
from interviews.consumers import LiveCapacityGate

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            LiveCapacityGate(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
        ),
    }
)
