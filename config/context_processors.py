from django.conf import settings


def site(request):
    return {"SITE_NAME": "Interview Arena", "PRODUCTION": settings.PRODUCTION}
