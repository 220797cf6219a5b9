from __future__ import annotations

from cfasr_ext._config import Settings, resolve_settings
from tests.streaming.fake_deepgram import ACCOUNT, TOKEN, FakeDeepgram


def settings_for(server: FakeDeepgram, *, token: str = TOKEN, **kwargs: object) -> Settings:
    return resolve_settings(
        api_token=token,
        account_id=ACCOUNT,
        base_url=server.base_url,
        environ={},
        **kwargs,  # type: ignore[arg-type]
    )
