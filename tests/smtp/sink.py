"""An SMTP server on loopback for Puente's e-mail tests (aiosmtpd).

Each message received is written to DIR as one JSON file: the envelope, the decoded subject and
body, and the headers the tests check. Usage: python3 sink.py PORT DIR
"""

import asyncio
import email
import email.policy
import json
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "content_language": str(message["Content-Language"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": body.get_content() if body is not None else "",
        }
        name = os.path.join(self.folder, f"{uuid.uuid4().hex}.json")
        with open(name + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(name + ".tmp", name)
        return "250 Message accepted for delivery"


async def main(port, folder):
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
