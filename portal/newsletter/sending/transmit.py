"""One SMTP transaction, as smtplib's sendmail does it, with two hooks that let the sending
loop use the time the server takes to answer:

- `while_mail`: runs after MAIL has been sent, before its reply is read. The loop records the
  message as "in flight" there: that database write must be durable before the end of DATA
  (the moment the server takes responsibility for the message), and here it overlaps with the
  server's work instead of adding to every message's time.
- `while_data`: runs after the message has been sent, while the server stores it. The loop
  prepares the next message there. It must not raise.
"""

import re
import smtplib
from collections.abc import Callable

CRLF = b"\r\n"
_LEADING_DOT = re.compile(rb"(?m)^\.")


def _abort(smtp: smtplib.SMTP, code: int) -> None:
    if code == 421:
        smtp.close()
    else:
        smtp._rset()


def transmit(
    smtp: smtplib.SMTP,
    sender: str,
    recipient: str,
    payload: bytes,
    while_mail: Callable[[], None],
    while_data: Callable[[], None],
) -> None:
    """Send one message to one recipient; raise smtplib's exceptions like sendmail does."""
    smtp.ehlo_or_helo_if_needed()
    options = f" size={len(payload)}" if smtp.does_esmtp and smtp.has_extn("size") else ""
    smtp.putcmd("mail", f"FROM:{smtplib.quoteaddr(sender)}{options}")
    while_mail()
    code, response = smtp.getreply()
    if code != 250:
        _abort(smtp, code)
        raise smtplib.SMTPSenderRefused(code, response, sender)
    code, response = smtp.rcpt(recipient)
    if code not in (250, 251):
        _abort(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, response)})
    smtp.putcmd("data")
    code, response = smtp.getreply()
    if code != 354:
        _abort(smtp, code)
        raise smtplib.SMTPDataError(code, response)
    data = _LEADING_DOT.sub(b"..", payload)  # RFC 5321 4.5.2 dot-stuffing
    if not data.endswith(CRLF):
        data += CRLF
    smtp.send(data + b"." + CRLF)
    while_data()
    code, response = smtp.getreply()
    if code != 250:
        _abort(smtp, code)
        raise smtplib.SMTPDataError(code, response)
