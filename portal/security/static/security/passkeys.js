// After django-otp-webauthn's script registered a passkey, show the page again so the list
// of passkeys includes it (the library only announces it with an event).
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
