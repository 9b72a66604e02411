"""The PC/SC card readers this PC has now, listed as the card probe's session lists them (on
its own thread, with a deadline), for the assistant's live list."""

from __future__ import annotations

from posguide.i18n import Text
from posguide.probes.card.pcsc import PcscError
from posguide.probes.card.session import Deadline, Session, explain, service_summary


class ReadersUnavailable(Exception):
    """The smart-card service is not running or does not answer; ``text`` says so."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


async def list_readers(deadline_s: float = 4.0) -> list[str]:
    session = Session(deadline_s)
    try:
        context = await session.open()
        return await session.call(context.readers, "listing card readers", 3.0)
    except PcscError as raw:
        err = await explain(raw)
        if err.stage == "service":
            raise ReadersUnavailable(service_summary()) from err
        raise ReadersUnavailable(Text(str(err))) from err
    except Deadline as err:
        raise ReadersUnavailable(service_summary()) from err
    finally:
        await session.close()
