"""The openai Python SDK as a real client of /v1/chat/completions, streaming and not."""

from __future__ import annotations

from openai import OpenAI


def test_openai_sdk_non_streaming(live_server: str) -> None:
    client = OpenAI(base_url=f"{live_server}/v1", api_key="unused")
    models = [m.id for m in client.models.list()]
    assert "policyqa" in models
    r = client.chat.completions.create(
        model="policyqa",
        messages=[
            {"role": "system", "content": "You are helpful."},
            {
                "role": "user",
                "content": "What does the EU AI Act require of general-purpose AI models with systemic risk?",
            },
        ],
    )
    content = r.choices[0].message.content or ""
    assert "[^1]" in content and "\n[^1]: EU AI Act" in content


def test_openai_sdk_streaming_with_history(live_server: str) -> None:
    client = OpenAI(base_url=f"{live_server}/v1", api_key="unused")
    stream = client.chat.completions.create(
        model="policyqa",
        stream=True,
        messages=[
            {"role": "user", "content": "米国AI行動計画の作成者は誰?"},
            {"role": "assistant", "content": "クラティオス、サックス、ルビオの3名です。"},
            {"role": "user", "content": "その人たちは大統領令で指名されたの?"},
        ],
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert "[^1]:" in text
