import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the local administrator 'admin' with a generated password kept in "
        "var/admin-password (never a fixed password), and print the login."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--quiet", action="store_true", help="Do not print the login.")

    def handle(self, *args, **options) -> None:
        username = options["username"]
        password_file = settings.VAR_DIR / "admin-password"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if password_file.exists() and user is not None:
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            if user is None:
                user = User.objects.create_superuser(
                    username=username, email=f"{username}@localhost", password=password
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
        if not options["quiet"]:
            self.stdout.write(f"Admin login: {username} / {password}  (kept in {password_file})")
