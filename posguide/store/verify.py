"""Reading every row the way export and the window do, for ``posguide db check``.

``integrity_check`` proves the file's pages are sound, not that each value is what its column
holds: a flipped byte inside a note is a sound page with text that is not UTF-8. So the check
also reads and encodes every incident as an export would, every typed-in notice and every
daily inspection.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from posguide.store.export import iter_incidents, write_jsonl
from posguide.store.incidents import IncidentStore
from posguide.store.inspections import inspections_since
from posguide.store.notices import all_manual_notices


class _Discard(io.StringIO):
    def write(self, text: str, /) -> int:
        return len(text)


def check_rows(store: IncidentStore) -> int:
    """How many incidents were read; raises DatabaseCorruptError naming the first bad one."""
    with store.reading():
        count = write_jsonl(iter_incidents(store.db, training=None), _Discard())
    all_manual_notices(store)
    inspections_since(store, datetime(1970, 1, 1, tzinfo=UTC))
    return count
