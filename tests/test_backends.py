"""The transformers backend on tiny random models built here: no download, seconds to run.

They prove the backend picks the right generation call for a causal LM and for a seq2seq
summarizer, and that batching every beat over a shared, cached few-shot prefix gives the
same greedy tokens as generating each prompt on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from outliner.cli import app
from outliner.prompts import FEW_SHOT, Task
from tests.conftest import SEEDS

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

WORDS = (
    "ballu ram ganga escapes from the jail is arrested by inspector a storm strands mara on "
    "an island tomas and his cousins break into museum at night passage beat rewrite each as "
    "one short sentence in present tense : . , ' s"
).split()


def _tokenizer(path: Path):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {tok: i for i, tok in enumerate(["<pad>", "<eos>", "<bos>", "<unk>", "\n", *WORDS])}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Split("\n", behavior="isolated"), pre_tokenizers.WhitespaceSplit()]
    )
    tok = transformers.PreTrainedTokenizerFast(
        tokenizer_object=core,
        pad_token="<pad>",
        eos_token="<eos>",
        bos_token="<bos>",
        unk_token="<unk>",
    )
    tok.save_pretrained(path)
    return tok


@pytest.fixture(scope="module")
def causal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny-gemma")
    tok = _tokenizer(path)
    config = transformers.Gemma3TextConfig(
        vocab_size=len(tok),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=1,
        head_dim=16,
        sliding_window=512,
        max_position_embeddings=2048,
        pad_token_id=0,
        eos_token_id=1,
        bos_token_id=2,
    )
    torch.manual_seed(0)
    transformers.Gemma3ForCausalLM(config).save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def seq2seq_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny-t5")
    tok = _tokenizer(path)
    config = transformers.T5Config(
        vocab_size=len(tok),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_heads=2,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        task_specific_params={"summarization": {"prefix": "rewrite : "}},
    )
    torch.manual_seed(0)
    transformers.T5ForConditionalGeneration(config).save_pretrained(path)
    return path


PASSAGES = [
    "ballu escapes from the jail .",
    "ram is arrested by inspector ganga at night , and ballu escapes from the museum .",
    "a storm strands mara .",
]


def test_causal_backend_batches_over_a_cached_prefix_like_single_prompts(causal_dir: Path) -> None:
    from outliner.backends.hf import TransformersSummarizer

    backend = TransformersSummarizer(causal_dir)
    assert not backend.seq2seq
    batched = backend.summarise(Task.BEAT, PASSAGES)
    one_by_one = [backend.summarise(Task.BEAT, [p])[0] for p in PASSAGES]
    assert batched == one_by_one

    # And the same as a plain generate() on the whole prompt, no cache, no padding.
    shot = FEW_SHOT[Task.BEAT]
    tok, model = backend.tokenizer, backend.model
    for passage, got in zip(PASSAGES, batched, strict=True):
        prefix = tok(shot.prefix(), return_tensors="pt").input_ids
        body = tok(shot.body(passage), add_special_tokens=False, return_tensors="pt").input_ids
        ids = torch.cat([prefix, body], dim=1)
        with torch.inference_mode():
            out = model.generate(
                ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=shot.max_new_tokens,
                eos_token_id=backend._newline_ids(),
                pad_token_id=0,
                do_sample=False,
            )
        assert tok.decode(out[0, ids.shape[1] :], skip_special_tokens=True) == got


def test_seq2seq_backend_uses_the_model_prefix_and_plain_generate(seq2seq_dir: Path) -> None:
    from outliner.backends.hf import TransformersSummarizer

    backend = TransformersSummarizer(seq2seq_dir)
    assert backend.seq2seq and backend._seq2seq_prefix == "rewrite : "
    replies = backend.summarise(Task.BEAT, PASSAGES)
    assert len(replies) == len(PASSAGES) and all(isinstance(r, str) for r in replies)
    assert replies == backend.summarise(Task.BEAT, PASSAGES)  # greedy: deterministic


@pytest.mark.parametrize("kind", ["causal_dir", "seq2seq_dir"])
def test_any_local_model_directory_outlines_end_to_end(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    model_dir = request.getfixturevalue(kind)
    result = CliRunner().invoke(
        app, ["outline", str(SEEDS[0]), "--model", str(model_dir), "-o", str(tmp_path), "-q"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{SEEDS[0].stem}.fountain").read_text()
    # A random model's lines all fail the checks: every beat falls back to its source.
    assert text.count("\n= ") >= 8
    assert "beat line(s) fell back" in result.output


def test_output_layer_in_parts_picks_what_one_argmax_over_the_subset_picks() -> None:
    """The common-word head plus the call's extra tokens pick the same token as a single
    argmax over the whole allowed subset, ties going to the lowest id as argmax does."""
    from outliner.backends.decode import Head, OutputLayer

    class Model:
        def __init__(self, layer: torch.nn.Linear) -> None:
            self.layer = layer

        def get_output_embeddings(self) -> torch.nn.Linear:
            return self.layer

    torch.manual_seed(0)
    layer = torch.nn.Linear(8, 50, bias=False)
    axes = torch.eye(8)
    with torch.no_grad():
        layer.weight.mul_(0.1)
        layer.weight[7] = layer.weight[30] = 3 * axes[0]  # 30 (extra) ties with 7 (common)
        layer.weight[41] = layer.weight[12] = 3 * axes[1]  # 12 (extra) ties with 41 (common)
    model = Model(layer)
    common = Head.of(model, [2, 7, 9, 20, 33, 41, 45])
    allowed = [1, 7, 9, 12, 30, 33, 44]
    hidden = torch.randn(64, 8)
    hidden[0] = axes[0]  # 7 and 30 win, tied
    hidden[1] = axes[1]  # 12 and 41 win, tied

    subset = sorted(set(allowed) | set(common.ids.tolist()))
    expected = torch.tensor(subset)[(hidden @ layer.weight[subset].T).argmax(-1)]
    got = OutputLayer(model, allowed, common).next_tokens(hidden)
    assert got.tolist() == expected.tolist()
    assert got[0] == 7 and got[1] == 12
    alone = OutputLayer(model, subset).next_tokens(hidden)  # one part, no common head
    assert alone.tolist() == expected.tolist()
    whole = OutputLayer(model).next_tokens(hidden)  # the whole vocabulary
    assert whole.tolist() == (hidden @ layer.weight.T).argmax(-1).tolist()


def test_scores_are_batched_over_the_cached_prefix_and_match_a_plain_forward(
    causal_dir: Path,
) -> None:
    """Each text's score is its tokens' mean log-probability after the example lines,
    normalised over the scoring vocabulary: the same batched as one by one, and the same
    as one plain forward pass over the whole prompt."""
    from outliner.backends.hf import TransformersSummarizer

    backend = TransformersSummarizer(causal_dir)
    texts = ["Ballu escapes from jail.", "Ram kills Roshida and Ballu escapes.", "Ganga waits."]
    batched = backend.score(Task.BEAT, texts)
    assert batched == [backend.score(Task.BEAT, [t])[0] for t in texts]
    assert all(isinstance(s, float) and s < 0 for s in batched)

    shot = FEW_SHOT[Task.BEAT]
    tok, model = backend.tokenizer, backend.model
    for text, got in zip(texts, batched, strict=True):
        prefix = tok(shot.score_prefix(), return_tensors="pt").input_ids[0].tolist()
        label = tok(shot.score_label, add_special_tokens=False).input_ids
        body = tok(f" {text}\n", add_special_tokens=False).input_ids
        from outliner.backends.decode import Head

        common = backend._score_head()
        head = Head.of(model, set(common.ids.tolist()) | set(body))
        ids = torch.tensor([prefix + label + body])
        with torch.inference_mode():
            hidden = model.base_model(input_ids=ids).last_hidden_state[0]
            states = hidden[len(prefix) + len(label) - 1 : -1]
            logprobs = torch.log_softmax(head.logits(states), dim=-1)
        columns = torch.searchsorted(head.ids, torch.tensor(body))
        want = float(logprobs[torch.arange(len(body)), columns].mean())
        assert abs(got - want) < 1e-3


def _same_tokenizer(directory: Path, texts: list[str]) -> None:
    from outliner.backends.tokens import FastTokenizer, load_tokenizer

    fast, auto = (
        load_tokenizer(directory, seq2seq=False),
        transformers.AutoTokenizer.from_pretrained(str(directory)),
    )
    assert isinstance(fast, FastTokenizer)
    assert (fast.pad_token_id, fast.eos_token_id) == (auto.pad_token_id, auto.eos_token_id)
    for text in texts:
        for special in (True, False):
            ids = auto(text, add_special_tokens=special).input_ids
            assert fast(text, add_special_tokens=special).input_ids == ids
            assert fast(
                text, add_special_tokens=special, return_tensors="pt"
            ).input_ids.tolist() == [ids]
        ids = auto(text).input_ids
        for skip in (True, False):
            assert fast.decode(ids, skip_special_tokens=skip) == auto.decode(
                ids, skip_special_tokens=skip
            )
    assert (
        fast(texts, add_special_tokens=False).input_ids
        == auto(texts, add_special_tokens=False).input_ids
    )
    assert fast.get_vocab() == auto.get_vocab()


def test_the_fast_tokenizer_gives_autotokenizers_ids_and_text(causal_dir: Path) -> None:
    _same_tokenizer(causal_dir, [*PASSAGES, "ballu\nram", "<bos> ganga <eos>"])


@pytest.mark.model
def test_the_fast_tokenizer_reads_the_default_model_as_autotokenizer_does() -> None:
    from outliner.backends import gguf_cache
    from outliner.backends.registry import DEFAULT_MODEL, lookup

    spec = lookup(DEFAULT_MODEL)
    assert spec is not None
    texts = [
        "Ballu escapes from jail while Ram is visiting his girlfriend Ganga.\n",
        " naïve café “quoted” — it’s 17-year-old \t tabs\n\nand 1,000 ¥",
        "Passage: Ram kills Roshida.\nBeat: Ram kills Roshida.\n<eos>",
    ]
    _same_tokenizer(gguf_cache.cache_path(spec), texts)


def test_a_background_load_names_the_model_at_once_and_fails_where_it_is_used() -> None:
    import threading

    from outliner.backends.background import BackgroundSummarizer
    from outliner.backends.fake import FakeSummarizer
    from outliner.errors import ModelError
    from outliner.prompts import Task

    release = threading.Event()

    def slow() -> FakeSummarizer:
        release.wait(5)
        return FakeSummarizer(name="slow")

    loading = BackgroundSummarizer("slow", slow)
    assert loading.name == "slow"  # known before the weights are
    release.set()
    assert loading.summarise(Task.BEAT, ["Ram waits."]) == FakeSummarizer().summarise(
        Task.BEAT, ["Ram waits."]
    )
    assert loading.ready().name == "slow"

    def broken() -> FakeSummarizer:
        raise ModelError("cannot load model 'x': no weights")

    failing = BackgroundSummarizer("x", broken)
    with pytest.raises(ModelError, match="no weights"):
        failing.score(Task.BEAT, ["Ram waits."])
