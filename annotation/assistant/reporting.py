"""Speakers, claims and their links from Arabic reporting structure: pure functions.

find_attributions() reads a text for reporting verbs (قال، أكد، مشيرا إلى …) and returns each
claim with its speaker, in the extents of assets/guidelines:
- the speaker is the noun phrase after the verb (VSO, the normal order), or before it after
  كان (وكان … أكد) or at the start of the sentence, over every title and the name; a verb
  without one (وأضاف، مشيرا) takes the last speaker mentioned, `carried_over`
  (reporting_speakers.py);
- a claim is a quotation (direct), a clause after أن/إن (indirect, without أن/إن), such a
  clause holding a quoted part (mixed), or a verbal noun the verb governs (استمرار، عن أمل);
- an indirect claim runs to the end of its sentence or to the next reporting verb; a direct
  one to its closing mark, across sentences.
The words come from assets/assistant/reporting.json (reporting_lexicon.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from annotation.assistant.reporting_lexicon import (
    CueForm,
    Lexicon,
    Verb,
    load_lexicon,
    without_article,
)
from annotation.assistant.reporting_speakers import Speakers, TokenSpan
from annotation.assistant.reporting_text import ArticleTokens, Extent

__all__ = ["Attribution", "Extent", "find_attributions"]

_SKIPPABLE_PUNCT = frozenset("،,()-–")  # may sit between a subject and its claim
_CLAUSE_ENDS = frozenset(".!?؟،؛")
_COMMAS = "،,"
# Words between the comma that ends a claim and the cue or source phrase after it.
_BEFORE_CUE_LINKS = frozenset({"حسبما", "كما", "وذلك"})
_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللذين", "اللتين"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claim, the speaker it is attributed to (None when the text names none) and how it
    is reported: kind direct/indirect/mixed, the cue in its base form (قال for «وقالت»),
    where the cue is, whether the speaker was carried over from an earlier mention, and
    polarity (negative for نفى and أنكر)."""

    claim: Extent
    speaker: Extent | None
    kind: str
    cue: str
    cue_extent: Extent
    carried_over: bool
    polarity: str = "positive"


@dataclass(frozen=True, slots=True)
class _Opener:
    """Where a claim starts: a quotation's opening mark (quoted) or its first word."""

    start: int
    quoted: bool
    end: int | None = None  # a claim before its cue ends at the cue's comma


@dataclass(frozen=True, slots=True)
class _Cue:
    index: int
    form: CueForm
    prefix: int  # the و or ف in front of the verb
    subject: TokenSpan | None
    clause_start: int  # where the clause of this verb starts: a claim before it ends there
    opener: _Opener
    source: bool = False  # a source phrase (بحسب X): X is no topic for a later وأضاف
    subject_skip: int = 0  # the ل of وفقا لهيئة, written on the speaker's first word


def find_attributions(text: str, lexicon: Lexicon | None = None) -> list[Attribution]:
    """Every claim the reporting structure of `text` shows, with its speaker, in text order."""
    lexicon = lexicon or load_lexicon()
    return _Reader(ArticleTokens(text, lexicon.quotes), lexicon).run()


class _Reader:
    def __init__(self, article: ArticleTokens, lexicon: Lexicon) -> None:
        self.a, self.lex = article, lexicon
        self.speakers = Speakers(article, lexicon)

    def run(self) -> list[Attribution]:
        cues: list[_Cue] = []
        for i in range(len(self.a.tokens)):
            cue = self._cue_at(i)
            if cue is not None:
                cues.append(cue)
                if cue.subject is not None:
                    self.speakers.learn(cue.subject)
        found: list[Attribution] = []
        last: TokenSpan | None = None  # the last speaker mentioned
        for number, cue in enumerate(cues):
            following = cues[number + 1].clause_start if number + 1 < len(cues) else None
            claim = self._claim(cue.opener, following)
            if claim is None:
                continue
            antecedent = self._antecedent(cue, cues[:number])
            if antecedent is not None:  # وفقا لمصادر مطلعة التي أشارت: the sources speak
                cue = replace(cue, subject=antecedent.subject, subject_skip=antecedent.subject_skip)
            speaker, carried = cue.subject, False
            if speaker is None:
                if self.a.enclosing_quote(cue.index) is not None:
                    continue  # a quoted speaker's own verb (فيمكنني أن أؤكد) starts no claim
                speaker, carried = self.speakers.carried(cue.index, last), True
            last = last if cue.source else speaker or last
            found.append(self._attribution(cue, claim, speaker, carried))
        return found

    def _antecedent(self, cue: _Cue, earlier: list[_Cue]) -> _Cue | None:
        """For a verb without a subject right after a relative pronoun (وفقا لمصادر مطلعة
        التي أشارت إلى أن), the earlier cue whose subject ends at the pronoun."""
        i = cue.index
        if cue.subject is not None or i == 0 or self.a.norms[i - 1] not in _RELATIVES:
            return None
        for other in reversed(earlier):
            if other.subject is not None and other.subject[1] == i - 1:
                return other
        return None

    def _attribution(
        self, cue: _Cue, claim: tuple[int, int, str], speaker: TokenSpan | None, carried: bool
    ) -> Attribution:
        token, verb = self.a.tokens[cue.index], cue.form.verb
        extent = self.speakers.extent(speaker) if speaker else None
        if extent is not None and cue.subject_skip and speaker == cue.subject:
            skip = cue.subject_skip
            extent = Extent(extent.start + skip, extent.end, extent.text[skip:])
        return Attribution(
            claim=self.a.extent(claim[0], claim[1]),
            speaker=extent,
            kind=claim[2],
            cue=verb.cue,
            cue_extent=Extent(token.start + cue.prefix, token.end, token.text[cue.prefix :]),
            carried_over=carried and speaker is not None,
            polarity="negative" if verb.negative else "positive",
        )

    def _cue_at(self, i: int) -> _Cue | None:
        """The reporting verb at token i with its subject and where its claim opens, or None
        when i is no reporting verb or opens no claim."""
        a, lex = self.a, self.lex
        if a.is_word(i) and self._source_word(a.norms[i]) is not None:
            return self._source_at(i)
        match = lex.cue(a.norms[i]) if a.is_word(i) else None
        if match is None or (i > 0 and a.norms[i - 1] in lex.negations):
            return None  # لم يكشف، ولم يوضح: what was not said is no claim
        form, prefix = match
        limit = a.sentence_end(i)
        subject, k = (None, i + 1) if form.circumstantial else self.speakers.after(i, limit)
        if k < 0 or (subject is not None and a.norms[subject[0]] in lex.not_speakers):
            return None  # قال تعالى: scripture quoted, not a claim reported
        if form.ambiguous and subject is not None and not self.speakers.names_someone(subject[0]):
            # بين and تابع are also a preposition and an adjective: as verbs their subject is
            # a title or a name already seen as a speaker's (وتابع فلان), or أن follows at once (بين أن);
            # so neither «X بين Y:» (a preposition) nor «بيني وبين ... أن» is a claim.
            return None
        clause_start = i
        if subject is None and not form.circumstantial:
            subject = self.speakers.before(i, prefix)
            clause_start = subject[0] if subject else i
        opener = self._opener(k, form, limit, strict=form.ambiguous)
        if opener is None and subject is not None and not prefix:
            opener = self._before_cue(i, k, limit)  # …، قال الوزير.
            clause_start = opener.start if opener else clause_start
        return None if opener is None else _Cue(i, form, prefix, subject, clause_start, opener)

    def _before_cue(self, i: int, k: int, limit: int) -> _Opener | None:
        """The claim of a verb that follows it after a comma and ends the sentence with its
        subject («…»، قال الوزير. or X، قال الوزير.): the quotation, or the sentence up to the
        comma."""
        a, comma = self.a, i - 1
        if a.norm(comma) in _BEFORE_CUE_LINKS:
            comma -= 1  # X، حسبما ذكرت الصحيفة.
        if not a.is_punct(comma, _COMMAS) or (k < limit and not a.is_punct(k, ".!?؟")):
            return None
        for quote in a.quotes.values():
            if quote.after == comma and quote.words >= self.lex.direct_quote_min_words:
                return _Opener(quote.opening, True)
        start = a.sentence_start(i)
        if start >= comma or self._holds_cue(start, comma):
            return None
        return _Opener(start, False, comma)

    def _holds_cue(self, start: int, end: int) -> bool:
        """True when a reporting verb or source phrase lies in tokens [start, end)."""
        a = self.a
        return any(
            self.lex.cue(a.norms[j]) is not None or self._source_word(a.norms[j]) is not None
            for j in range(start, end)
            if a.is_word(j)
        )

    def _source_word(self, norm: str) -> str | None:
        """The source phrase's word (وفقا), with or without the و before it (ووفقا، وبحسب)."""
        if norm in self.lex.sources:
            return norm
        return norm[1:] if norm[:1] == "و" and norm[1:] in self.lex.sources else None

    def _source_at(self, i: int) -> _Cue | None:
        """A source phrase: بحسب X، فإن … (the claim after the comma) or …، وفقا لـX (the
        claim before it); None when a reporting verb in the sentence has the claim."""
        a, lex = self.a, self.lex
        word = self._source_word(a.norms[i]) or ""
        prefix = len(a.norms[i]) - len(word)
        limit, first, skip = a.sentence_end(i), i + 1, 0
        preposition = lex.sources[word]
        if preposition == "ل" and a.norm(first) != "ل":
            if not a.norm(first).startswith("ل") or len(a.norm(first)) < 3:
                return None
            skip = 1  # لهيئة: the preposition is written on the word
        elif preposition:
            if a.norm(first) != preposition:
                return None
            first += 1
        end = self.speakers.source(first, limit)
        head = a.norms[first][skip:] if end > first else ""
        known = lex.is_title(head) or head in self.speakers.known_names
        if not (known or without_article(head) in lex.channel_words):
            return None  # بحسب ما، وفقا للضوابط: a rule or a hearsay is no speaker
        start = a.sentence_start(i)
        comma = i - 2 if a.norm(i - 1) in _BEFORE_CUE_LINKS else i - 1  # …، وذلك وفقا لـX
        if a.is_punct(comma, _COMMAS) and start < comma:
            if self._holds_cue(start, comma):
                return None  # وقال X إن …، بحسب Y: the verb's claim, its own source
            opener = _Opener(start, False, comma)
        elif i == start and a.is_punct(end, _COMMAS):
            k = end + 1
            norm = a.norm(k)
            if norm in lex.complementisers or norm[1:] in lex.complementisers:
                k += 1  # بحسب X، فإن …
            if self._holds_cue(k, limit):
                return None  # نقلا عن X، قالت الوكالة إن …: the verb's own source
            opener = _Opener(k, False)
        else:
            return None
        verb = Verb(word, False, frozenset(), frozenset())
        form = CueForm(verb, circumstantial=False, ambiguous=False)
        return _Cue(i, form, prefix, (first, end), start, opener, True, skip)

    def _opener(self, k: int, form: CueForm, limit: int, strict: bool) -> _Opener | None:
        """Where the claim opens after the verb and its subject, skipping an occasion such as
        «في تصريح صحفي اليوم» (unless `strict`); None when no claim follows."""
        a, lex = self.a, self.lex
        skipped, previous, occasion, crossed_comma = 0, "", False, False
        while k < limit:
            norm = a.norms[k]
            if a.tokens[k].text == "(":
                closing = next((j for j in range(k + 1, limit) if a.tokens[j].text == ")"), -1)
                if closing > 0:
                    k = closing + 1  # an aside: فلان (40 عاما) أن
                    continue
            if a.is_punct(k):
                quote = a.quotes.get(k)
                if a.is_punct(k, ":") and k + 1 < limit:
                    return self._after_colon(k + 1)
                if quote is not None:
                    # A short quotation is speech only right after its verb and subject
                    # (قال فلان: «لا»); further on it is a quoted name: مقاتلو «التنظيم» وقال.
                    short = quote.words < lex.direct_quote_min_words
                    if not short or (not skipped and self._ends_clause(quote.after)):
                        return _Opener(k, True)
                    k, skipped = quote.after, skipped + 1  # a quoted name: لـ«الصحيفة»
                    continue
                if a.tokens[k].text not in _SKIPPABLE_PUNCT:
                    return None
                crossed_comma = crossed_comma or bool(skipped)
                k += 1
                continue
            opens_claim = norm in lex.complementisers or lex.is_claim_noun(norm)
            # Past a comma among skipped words, أن must follow a comma, closing an aside
            # (ويقول X، الباحث في …، أن); else it belongs to another clause (…، فقد وصفه بأنه).
            if opens_claim and crossed_comma and not a.is_punct(k - 1, _COMMAS):
                return None
            if norm in lex.complementisers:
                if skipped and previous in lex.complementiser_blockers:
                    return None  # بعد أن، حتى أن: not the verb's complement
                return self._after_complementiser(k + 1)
            if norm in form.verb.linkers and a.norm(k + 1) in lex.complementisers:
                k += 1  # أشار إلى أن
                continue
            if norm in form.verb.linkers and lex.is_claim_noun(a.norm(k + 1)):
                return _Opener(k + 1, False)  # أعرب عن أمل، شدد على ضرورة
            if not skipped and norm in form.verb.nominal and self._nominal_fits(k + 1, limit):
                return _Opener(k + 1, False)  # أعلن عن تحديد
            # After skipped words a verbal noun is the claim only past an occasion (أكد في
            # تصريح له أمس وجوب …); otherwise it is likely inside a title (قضايا عدم الانتشار).
            noun_fits = not skipped or occasion
            if (
                lex.is_claim_noun(norm)
                and noun_fits
                and previous not in lex.complementiser_blockers
            ):
                return _Opener(k, False)
            if strict or lex.cue(norm) is not None or not a.is_word(k):
                return None
            skipped, previous = skipped + 1, norm
            occasion = occasion or norm in lex.channel_words
            if skipped > lex.max_skipped_words:
                return None
            k += 1
        return None

    def _after_colon(self, k: int) -> _Opener:
        if k in self.a.quotes:
            return _Opener(k, True)
        if self.a.norms[k] in self.lex.complementisers:
            return self._after_complementiser(k + 1)
        return _Opener(k, False)

    def _after_complementiser(self, k: int) -> _Opener:
        """أن «…» is direct when the quotation is the whole clause, mixed when more follows."""
        quote = self.a.quotes.get(k)
        return _Opener(k, quote is not None and self._ends_clause(quote.after))

    def _nominal_fits(self, k: int, limit: int) -> bool:
        """أعلن عن ضبط: a noun follows that carries a claim, or no أن or quotation soon after
        makes the clause (قال حول الزيارة إن … is the إن clause)."""
        a = self.a
        if k >= limit or not a.is_word(k):
            return False
        if self.lex.is_claim_noun(a.norms[k]):
            return True
        ahead = range(k, min(limit, k + 5))
        return not any(a.norms[j] in self.lex.complementisers or j in a.quotes for j in ahead)

    def _ends_clause(self, k: int) -> bool:
        a = self.a
        if k >= len(a.tokens) or a.sentence_start(k) == k:
            return True
        return a.is_punct(k, _CLAUSE_ENDS) or self.lex.cue(a.norms[k]) is not None

    def _claim(self, opener: _Opener, following: int | None) -> tuple[int, int, str] | None:
        """The claim's tokens [start, end) and kind; `following` is where the next reporting
        verb's clause starts, which ends an indirect claim."""
        a, lex = self.a, self.lex
        if opener.quoted:
            quote = a.quotes[opener.start]
            start = opener.start + 1
            if start < quote.content_end and a.norms[start] in lex.complementisers:
                start += 1  # “إن البلاد …”: the إن is grammar, not what was said
            return self._trimmed(start, quote.content_end, "direct")
        start = opener.start
        if opener.end is not None:
            return self._trimmed(start, opener.end, "indirect")
        end = a.sentence_end(start)
        if following is not None and start < following < end:
            end = following
        enclosing = a.enclosing_quote(start)
        if enclosing is not None:
            end = min(end, enclosing.content_end)  # ما قاله الوزير حول …” ends at the mark
        kind = "indirect"
        for k in range(start, end):
            inner = a.quotes.get(k)
            if inner is not None and inner.words >= lex.direct_quote_min_words:
                kind = "mixed"
                if inner.content_end > end and (following is None or inner.content_end < following):
                    end = inner.content_end  # a quoted part may run past the full stop
        return self._trimmed(start, end, kind)

    def _trimmed(self, start: int, end: int, kind: str) -> tuple[int, int, str] | None:
        """Punctuation at either edge stays outside, quotation marks included."""
        while start < end and self.a.is_punct(start):
            start += 1
        while end > start and self.a.is_punct(end - 1):
            end -= 1
        return (start, end, kind) if start < end else None
