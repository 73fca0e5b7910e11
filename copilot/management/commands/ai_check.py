from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from copilot.ai import gateway


class Command(BaseCommand):
    help = (
        "Send one small request through the AI gateway and print the engine that answered, the model, the "
        "latency and any error. Exits 1 when a model is configured but the offline engine had to answer."
    )

    def handle(self, *args, **options):
        configured = gateway.model_configured()
        self.stdout.write(f"configured: {'yes' if configured else 'no (offline engine only)'}")
        if configured:
            self.stdout.write(f"endpoint:   {settings.LLM_BASE_URL or '(client default)'}")
            self.stdout.write(f"model:      {settings.LLM_MODEL}")
        result = gateway.chat(user=None, task="ping", offline=lambda: "pong (offline engine)")
        self.stdout.write(f"engine:     {result.engine}")
        self.stdout.write(f"answered:   {result.model}")
        self.stdout.write(f"latency_ms: {result.latency_ms}")
        self.stdout.write(f"reply:      {result.value[:200]!r}")
        if result.notice:
            self.stdout.write(f"error:      {result.notice}")
        if configured and result.engine != "model":
            raise CommandError("the configured model did not answer; see the error above")
