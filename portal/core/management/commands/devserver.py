import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development web server and the task worker together (Ctrl-C stops both)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    @staticmethod
    def _wait_for_port(addrport: str, web: subprocess.Popen, timeout: float = 30) -> None:
        """Print the address only once the server answers, after its own start-up output."""
        host, _, port = addrport.rpartition(":")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and web.poll() is None:
            try:
                with socket.create_connection((host or "127.0.0.1", int(port)), timeout=1):
                    time.sleep(0.3)
                    return
            except OSError:
                time.sleep(0.3)

    def handle(self, *args, **options) -> None:
        addrport = options["addrport"]
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        worker = subprocess.Popen(  # noqa: S603
            [*manage, "worker"]
        )
        web = subprocess.Popen([*manage, "runserver", addrport])  # noqa: S603
        self._wait_for_port(addrport, web)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The portal is running at http://{addrport}/"))
        self.stdout.write(f"Admin:   http://{addrport}/admin/")
        call_command("ensure_admin", stdout=self.stdout)
        self.stdout.write("Background task worker is running. Press Ctrl-C to stop both.")

        def stop(*_: object) -> None:
            for process in (web, worker):
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while web.poll() is None and worker.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in (web, worker):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.stdout.write("Stopped the web server and the worker.")
