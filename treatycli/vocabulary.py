"""The words treaties and laws are written with, in each language the tool reads: the one place
to add a language, or a word to one.

Every reader and writer of structure takes its words from here: the loader (the headings of
articles, divisions and annexes), the reference grammar (what a user types, what a citation
says, what a clause cites: grammar/), `cite` (what it writes), the labels of units, the forms
of titles and the names of instruments. Nothing here is compiled: each reader builds its
patterns from these words when it first needs them.

Chinese words are written in simplified characters; `TRADITIONAL` gives the traditional form
of every character they use, for reading a traditional text and writing back to it. Words of
a Latin script are written in lower case; they are read in any case, and a heading is written
in Title Case or CAPITALS.

A unit's `Form` says how the language writes it: `{n}` stands for its number and `{w}` for its
word (第{n}{w}: 第四条; {w} {n}: article 4).
"""

from __future__ import annotations

from collections import namedtuple


class Form(namedtuple("Form", "template words plural headings", defaults=((), ()))):
    """How a unit is named: the template, the words that name one (the first is the one `cite`
    writes), where the language inflects them the words that name several, and the words a
    heading is written with where only some of them are (Article 4, Art. 4; not Art 4)."""

    __slots__ = ()

    @property
    def heading_words(self) -> tuple[str, ...]:
        return self.headings or self.words

    def write(self, number, word: str | None = None) -> str:
        return self.template.format(n=number, w=word or self.words[0])

    @property
    def every_word(self) -> tuple[str, ...]:
        return (*self.words, *self.plural)


class Convention(namedtuple("Convention", "name words item")):
    """How one jurisdiction's citations name the levels of an article: `words` for the article,
    its paragraph and its item (条 款 项 in the PRC; 條 項 款 in Taiwan, where 款 is an item and 項 a
    paragraph), and `item` how a citation writes an item's label ({n}: 第（一）项 in the PRC), or
    None where it writes the item's number as it writes other numbers (第1款 in Taiwan)."""

    __slots__ = ()


class Language(
    namedtuple(
        "Language",
        "code code3 number_mark units inserted divisions named labels list_words range_words of ordinals "
        "treaties declarations acts rules organizations known_organizations known_instruments "
        "own this previous goes_on lead_ins title_words state_suffixes months title_labels "
        "record_labels adoption_words conventions determiners name_goes_on unnumbered_divisions "
        "formulas witness signing_words number_words punctuation genitives",
        # what most languages have none of
        defaults=((),) * 10 + ({}, {}, ()),
    )
):
    """Everything the tool knows of how one language writes a treaty. Fields:

    code: ISO 639-1; code3: ISO 639-2 (Akoma Ntoso's FRBRlanguage); number_mark: what stands before a number in a heading (第), then its
    misprints that the loader reads too (笫); empty where nothing does;
    units: Form per kind of unit: article, paragraph (of an article), item (of a paragraph,
    where the language has a word for it; English writes a label: (b)), recital,
    part-paragraph (a paragraph of the letter, of an annex or of a resolution), agenda-item,
    signatory, annex, section (of an annex);
    inserted: how an inserted article is written, by the form's name (之N: 第十七条之一; N-M:
    第15-1條; N之M: 第八之二條; bis: Article 8 bis), {o} standing for its ordinal;
    divisions: Form per level (book, subbook, part, chapter, section);
    named: the words for the document's named parts (preamble, title, letter…), the key first;
    labels: how a unit's label reads in this language (format strings, {} for a number);
    list_words, range_words: what joins the elements of a list (、 and) and the ends of a
    range (至 to) in a citation; of: what puts a unit before the one it lies in (paragraph 2
    of article 5);
    ordinals: the Latin words that number an inserted article (bis is the second article N);
    treaties, declarations, acts, rules: instrument nouns, by what the instrument is: an
    agreement between parties, a statement, a law, or a text named with a common word (规定,
    办法) that only a title's end makes an instrument's name;
    organizations: the head nouns of organisations' names; known_organizations and
    known_instruments: names with no head noun to find them by (联合国);
    own: the words before an instrument noun that name the document cited (本条约, 该条约, this
    Agreement); this: what a clause points at its own text with (本条: this article; 本法);
    previous: what points at the unit before (前款: the paragraph before this one);
    goes_on: words that, right
    after an article's number at the start of a line, say that it is cited there, not headed
    (第十条的规定; Article 5 thereof), beside the list, range and unit words that say so too;
    lead_ins: words a sentence leads into a citation with (根据, see) — not a title;
    title_words: words that do not tell one title from another (the, of);
    state_suffixes: what a state's name ends with (共和国: 中华人民共和国刑法 is 刑法);
    months: the months' names, January first;
    title_labels: the label a law's official record puts before its title (法規名稱：中華民國刑法);
    record_labels: the labels of the record's other lines (修正日期：…), which are no text of it;
    adoption_words: what the line that says when a law was adopted ends with (…会议通过);
    conventions: where jurisdictions writing the language name an article's levels differently,
    each one's words (Convention), the default first;
    determiners: what an instrument's name may begin with in running text (the, this);
    name_goes_on: the words after an instrument's noun that go on naming it (Convention on…);
    unnumbered_divisions: the names of the divisions a code may head without a number, at its
    top level (附则 after the books of 民法典);
    formulas: what the formula that ends a preamble says (协议如下, agreed as follows);
    witness: what the sentence before the signatures opens with (IN WITNESS WHEREOF);
    signing_words: what the place of signing follows (DONE at, FAIT à), lower case;
    number_words: words a heading numbers with instead of digits (Article premier, CHAPITRE
    DEUXIÈME, ЧАСТЬ ПЕРВАЯ, الجزء الأول), in any case;
    punctuation: the language's own marks → the marks a reference is read with, which work as
    they do (، is a comma: المادة 6، الفقرة 2 is paragraph 2 of article 6, as art. 6, para. 2);
    genitives: the words of a unit in the case that says, with no word between, that the unit
    named before lies in it (пункт 2 статьи 8: paragraph 2 of article 8), as `of` says it.
    """

    __slots__ = ()

    @property
    def instruments(self) -> tuple[str, ...]:
        """Every instrument noun, longest first (法典 is found before 法)."""
        nouns = (*self.treaties, *self.declarations, *self.acts, *self.rules)
        return tuple(sorted(dict.fromkeys(nouns), key=len, reverse=True))

    def named_word(self, key: str) -> str:
        return self.named[key][0]


LATIN_ORDINALS = {
    "bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6, "septies": 7, "octies": 8,
    "novies": 9, "nonies": 9, "decies": 10,
}  # fmt: skip
# The levels of divisions, outermost first.
DIVISION_LEVELS = ("book", "subbook", "part", "chapter", "section")

ZH = Language(
    code="zh",
    code3="zho",
    number_mark=("第", "笫"),
    units={
        "article": Form("第{n}{w}", ("条",)),
        "paragraph": Form("第{n}{w}", ("款",)),
        "item": Form("第{n}{w}", ("项",)),
        "recital": Form("第{n}{w}", ("段",)),
        "part-paragraph": Form("第{n}{w}", ("段",)),
        "agenda-item": Form("{w}{n}", ("项目",)),
        "signatory": Form("{w}{n}", ("签名",)),
        "annex": Form("{w}{n}", ("附件", "附录")),
        "section": Form("第{n}{w}", ("节",)),
    },
    inserted={"之N": "第{n}{w}之{o}", "N-M": "第{n}-{o}{w}", "N之M": "第{n}之{o}{w}"},
    divisions={
        "book": Form("第{n}{w}", ("编",)),
        "subbook": Form("第{n}{w}", ("分编",)),
        "part": Form("第{n}{w}", ("部分",)),
        "chapter": Form("第{n}{w}", ("章",)),
        "section": Form("第{n}{w}", ("节",)),
    },
    named={
        "title": ("标题",),
        "preamble": ("序言",),
        "parties": ("缔约方",),
        "formula": ("约定语",),
        "letter": ("信函", "信"),
        "signatures": ("签名",),
        "signing": ("签署",),
        "agenda": ("议程",),
        "resolution": ("决议",),
        "all": ("全部",),
    },  # fmt: skip
    labels={
        "article": "第{}条",
        "paragraph": "第{}款",
        "recital": "序言第{}段",
        "letter-paragraph": "信函第{}段",
        "agenda-item": "议程项目{}",
        "signatory": "签名{}",
        "annex": "附件{}",
        "title": "标题",
        "letter": "信函",
        "letter-title": "信函标题",
        "agenda": "议程项目",
        "preamble": "序言",
        "parties": "缔约方",
        "formula": "约定语",
        "signing": "签署",
        "signatures": "签名",
        "resolution": "Resolution",
        "resolution-title": "Title",
    },  # fmt: skip
    list_words=("、", "以及", "和", "及", "与", "或"),
    range_words=("至", "到"),
    of=(),
    ordinals={},
    treaties=("条约", "公约", "协定", "协议", "议定书", "宪章", "盟约", "规约", "换文", "最后文件"),
    declarations=("宣言", "声明", "公报", "备忘录"),
    acts=("法典", "宪法", "法", "条例"),
    rules=("规定", "办法", "决定", "决议", "规则", "细则", "章程", "纲要", "守则", "准则", "解释", "意见"),
    organizations=("组织", "联合体", "联盟", "委员会", "理事会", "管理局", "法院", "法庭", "银行", "秘书处"),
    known_organizations=(
        "联合国",
        "安全理事会",
        "联合国大会",
        "欧洲联盟",
        "欧盟",
        "东盟",
        "北约",
        "非洲联盟",
    ),
    known_instruments=("联合国宪章",),
    own=("本", "该", "此"),
    this=("本",),
    previous=("前",),
    goes_on=("之", "的", "所", "规定"),
    lead_ins=(
        "根据 依据 依照 按照 参照 遵照 对照 比照 违反 适用 参见 参看 援引 引用 符合 构成 触犯 结合 违背 "
        "我国 现行 上述 前述 修正后的 修改后的 新修订的 "
        "依 按 据 照 见 如 即 与 和 及 或 同 在 对 由 经 于 以"
    ).split(),
    title_words=(),
    state_suffixes=("共和国", "联邦", "王国", "合众国", "民国"),
    months=(),
    title_labels=("法规名称",),
    record_labels=(
        "法规类别",
        "修正日期",
        "公布日期",
        "发布日期",
        "施行日期",
        "生效状态",
        "废止日期",
        "法规网址",
        "发文字号",
    ),
    adoption_words=("通过", "施行", "公布", "修正", "修订", "发布"),
    conventions=(
        Convention("prc", ("条", "款", "项"), "（{n}）"),
        Convention("taiwan", ("条", "项", "款"), None),
    ),
    determiners=(),
    name_goes_on=(),
    unnumbered_divisions=("总则", "分则", "附则"),
    formulas=("协议如下", "议定如下", "协定如下", "同意如下", "商定如下"),
    witness=("下列签署", "为此", "以昭信守"),
)

EN = Language(
    code="en",
    code3="eng",
    number_mark=(),
    units={
        "article": Form(
            "{w} {n}", ("art.", "article", "art"), ("arts.", "articles", "arts"), ("article", "art.")
        ),
        "paragraph": Form("{w} {n}", ("para.", "paragraph", "para", "§"), ("paras.", "paragraphs", "paras")),
        "recital": Form("{w} {n}", ("recital",), ("recitals",)),
        "part-paragraph": Form("{w} {n}", ("para.", "paragraph", "para"), ("paras.", "paragraphs", "paras")),
        "agenda-item": Form("{w} {n}", ("item",), ("items",)),
        "signatory": Form("{w} {n}", ("signatory",), ("signatories",)),
        "annex": Form("{w} {n}", ("annex",), ("annexes",)),
        "section": Form("{w} {n}", ("section",), ("sections",)),
    },
    inserted={"bis": "{w} {n} {o}"},
    divisions={
        "book": Form("{w} {n}", ("book",), ("books",)),
        "subbook": Form("{w} {n}", ("subbook",), ("subbooks",)),
        "part": Form("{w} {n}", ("part",), ("parts",)),
        "chapter": Form("{w} {n}", ("chapter",), ("chapters",)),
        "section": Form("{w} {n}", ("section",), ("sections",)),
    },
    named={
        key: (key,)
        for key in (
            "title",
            "preamble",
            "parties",
            "formula",
            "letter",
            "signatures",
            "signing",
            "agenda",
            "resolution",
            "all",
        )
    },  # fmt: skip
    labels={
        "article": "Article {}",
        "paragraph": "Paragraph {}",
        "recital": "Recital {}",
        "letter-paragraph": "Letter paragraph {}",
        "agenda-item": "Agenda item {}",
        "signatory": "Signatory {}",
        "annex": "Annex {}",
        "title": "Title",
        "letter": "Letter",
        "letter-title": "Letter title",
        "agenda": "Agenda",
        "preamble": "Preamble",
        "parties": "Parties",
        "formula": "Formula",
        "signing": "Signing",
        "signatures": "Signatures",
        "resolution": "Resolution",
        "resolution-title": "Title",
    },  # fmt: skip
    list_words=(",", ";", "and", "&"),
    range_words=("to", "–", "—", "-", "~"),
    of=("of",),
    ordinals=LATIN_ORDINALS,
    treaties=("treaty", "convention", "agreement", "protocol", "charter", "covenant", "pact", "accord"),
    declarations=("declaration", "memorandum"),
    acts=("act", "code", "constitution", "statute", "law", "regulations", "decree", "ordinance"),
    rules=("rules",),
    organizations=(
        "nations",
        "organization",
        "organisation",
        "authority",
        "council",
        "committee",
        "commission",
        "assembly",
        "union",
        "agency",
        "court",
        "tribunal",
        "bank",
        "fund",
        "secretariat",
        "conference",
        "commonwealth",
    ),  # fmt: skip
    known_organizations=("United Nations",),
    known_instruments=(),
    own=("this", "present"),
    this=("this", "the present"),
    previous=(),
    goes_on=("or", "in", "thereof", "above", "below", "shall"),
    lead_ins=("see", "cf", "under", "pursuant", "according", "accordance", "as", "provided", "per"),
    title_words=(
        "the a an of on in for to and between among amongst concerning relating regarding with by at"
    ).split(),
    state_suffixes=(),
    months=tuple(
        "january february march april may june july august september october november december".split()
    ),
    title_labels=(),
    record_labels=(),
    adoption_words=(),
    conventions=(),
    determiners=("the", "a", "an", "this", "that", "such", "said", "its", "present"),
    name_goes_on=("on", "of", "for", "relating", "concerning", "regarding", "between", "among", "against"),
    unnumbered_divisions=(),
    formulas=("agreed as follows", "agree as follows"),
    witness=("in witness whereof",),
    signing_words=("done at", "signed at"),
)


def _ordinals(*numbers: str) -> dict[str, int]:
    """Words that number 1, 2, 3…: the nth argument holds the forms of the nth, a space
    between them (premier première)."""
    return {word: n for n, forms in enumerate(numbers, 1) for word in forms.split()}


def _labels(words: dict[str, str]) -> dict[str, str]:
    """A language's unit labels, from the words of its own: every kind has one."""
    return {kind: words[kind] for kind in EN.labels}


FR = Language(
    code="fr",
    code3="fra",
    number_mark=(),
    units={
        "article": Form("{w} {n}", ("art.", "article", "art"), ("arts.", "articles"), ("article", "art.")),
        "paragraph": Form("{w} {n}", ("paragraphe", "par.", "§"), ("paragraphes",)),
        "recital": Form("{w} {n}", ("considérant", "considerant"), ("considérants",)),
        "part-paragraph": Form("{w} {n}", ("paragraphe", "par."), ("paragraphes",)),
        "agenda-item": Form("{w} {n}", ("point",), ("points",)),
        "signatory": Form("{w} {n}", ("signataire",), ("signataires",)),
        "annex": Form("{w} {n}", ("annexe",), ("annexes",)),
        "section": Form("{w} {n}", ("section",), ("sections",)),
    },
    inserted={"bis": "{w} {n} {o}"},
    divisions={
        "book": Form("{w} {n}", ("livre",), ("livres",)),
        "part": Form("{w} {n}", ("partie",), ("parties",)),
        "chapter": Form("{w} {n}", ("chapitre",), ("chapitres",)),
        "section": Form("{w} {n}", ("section",), ("sections",)),
    },
    named={"preamble": ("préambule", "preambule"), "title": ("titre",)},
    labels=_labels(
        {
            "article": "Article {}",
            "paragraph": "Paragraphe {}",
            "recital": "Considérant {}",
            "letter-paragraph": "Paragraphe {} de la lettre",
            "agenda-item": "Point {} de l'ordre du jour",
            "signatory": "Signataire {}",
            "annex": "Annexe {}",
            "title": "Titre",
            "letter": "Lettre",
            "letter-title": "Titre de la lettre",
            "agenda": "Ordre du jour",
            "preamble": "Préambule",
            "parties": "Parties",
            "formula": "Formule",
            "signing": "Signature",
            "signatures": "Signatures",
            "resolution": "Résolution",
            "resolution-title": "Titre",
        }
    ),  # fmt: skip
    list_words=(",", ";", "et"),
    range_words=("à", "–", "—", "-", "~"),
    of=("de l'", "de l’", "de", "du"),
    ordinals=LATIN_ORDINALS,
    treaties=("traité", "convention", "accord", "protocole", "charte", "pacte"),
    declarations=("déclaration", "mémorandum"),
    acts=("loi", "code", "décret", "statut", "constitution", "règlement"),
    rules=("règles",),
    organizations=(
        "nations",
        "organisation",
        "autorité",
        "conseil",
        "comité",
        "commission",
        "assemblée",
        "union",
        "agence",
        "cour",
        "tribunal",
        "banque",
        "fonds",
        "secrétariat",
        "conférence",
    ),  # fmt: skip
    known_organizations=("Nations Unies",),
    known_instruments=(),
    own=("présent", "présente"),
    this=("le présent", "la présente"),
    previous=(),
    goes_on=("ou",),
    lead_ins=("voir", "cf", "conformément", "selon"),
    title_words="le la les l de du des d et à au aux en sur pour relatif relative concernant entre".split(),
    state_suffixes=(),
    months=tuple(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    ),
    determiners=("le", "la", "les", "l", "ce", "cet", "cette", "ledit", "ladite", "présent", "présente"),
    name_goes_on=("sur", "de", "du", "des", "relatif", "relative", "concernant", "entre"),
    formulas=(
        "convenu de ce qui suit",
        "convenues de ce qui suit",
        "convenus de ce qui suit",
        "convenu ce qui suit",
    ),
    witness=("en foi de quoi",),
    signing_words=("fait à",),
    number_words=_ordinals(
        "premier première 1er",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
    ),
)

ES = Language(
    code="es",
    code3="spa",
    number_mark=(),
    units={
        "article": Form(
            "{w} {n}",
            ("art.", "artículo", "articulo", "art"),
            ("arts.", "artículos", "articulos"),
            ("artículo", "art."),
        ),  # fmt: skip
        "paragraph": Form("{w} {n}", ("párrafo", "parrafo", "párr.", "parr."), ("párrafos", "parrafos")),
        "recital": Form("{w} {n}", ("considerando",), ("considerandos",)),
        "part-paragraph": Form("{w} {n}", ("párrafo", "parrafo", "párr."), ("párrafos", "parrafos")),
        "agenda-item": Form("{w} {n}", ("tema",), ("temas",)),
        "signatory": Form("{w} {n}", ("signatario",), ("signatarios",)),
        "annex": Form("{w} {n}", ("anexo",), ("anexos",)),
        "section": Form("{w} {n}", ("sección", "seccion"), ("secciones",)),
    },
    inserted={"bis": "{w} {n} {o}"},
    divisions={
        "book": Form("{w} {n}", ("libro",), ("libros",)),
        "part": Form("{w} {n}", ("parte",), ("partes",)),
        "chapter": Form("{w} {n}", ("capítulo", "capitulo"), ("capítulos", "capitulos")),
        "section": Form("{w} {n}", ("sección", "seccion"), ("secciones",)),
    },
    named={"preamble": ("preámbulo", "preambulo"), "title": ("título", "titulo")},
    labels=_labels(
        {
            "article": "Artículo {}",
            "paragraph": "Párrafo {}",
            "recital": "Considerando {}",
            "letter-paragraph": "Párrafo {} de la carta",
            "agenda-item": "Tema {} del programa",
            "signatory": "Signatario {}",
            "annex": "Anexo {}",
            "title": "Título",
            "letter": "Carta",
            "letter-title": "Título de la carta",
            "agenda": "Programa",
            "preamble": "Preámbulo",
            "parties": "Partes",
            "formula": "Fórmula",
            "signing": "Firma",
            "signatures": "Firmas",
            "resolution": "Resolución",
            "resolution-title": "Título",
        }
    ),  # fmt: skip
    list_words=(",", ";", "y", "e"),
    range_words=("a", "–", "—", "-", "~"),
    of=("de", "del"),
    ordinals=LATIN_ORDINALS,
    treaties=("tratado", "convención", "convencion", "acuerdo", "protocolo", "carta", "pacto"),
    declarations=("declaración", "declaracion", "memorando"),
    acts=("ley", "código", "codigo", "decreto", "reglamento", "estatuto", "constitución"),
    rules=("normas",),
    organizations=(
        "naciones",
        "organización",
        "autoridad",
        "consejo",
        "comité",
        "comisión",
        "asamblea",
        "unión",
        "agencia",
        "corte",
        "tribunal",
        "banco",
        "fondo",
        "secretaría",
        "conferencia",
    ),  # fmt: skip
    known_organizations=("Naciones Unidas",),
    known_instruments=(),
    own=("presente",),
    this=("el presente", "la presente"),
    previous=(),
    goes_on=("o",),
    lead_ins=("véase", "vease", "conforme", "según", "segun"),
    title_words="el la los las de del y en sobre para relativo relativa entre a al".split(),
    state_suffixes=(),
    months=tuple(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
    ),
    determiners=("el", "la", "los", "las", "este", "esta", "dicho", "dicha", "presente"),
    name_goes_on=("sobre", "de", "del", "relativo", "relativa", "entre"),
    formulas=("convenido en lo siguiente", "acordado lo siguiente"),
    witness=("en testimonio de lo cual",),
    signing_words=("hecho en",),
    # a part (parte) or title is feminine, a chapter (capítulo) masculine: PARTE PRIMERA, CAPÍTULO PRIMERO
    number_words=_ordinals(
        "primero primera",
        "segundo segunda",
        "tercero tercera",
        "cuarto cuarta",
        "quinto quinta",
        "sexto sexta",
        "séptimo séptima",
        "octavo octava",
        "noveno novena",
        "décimo décima",
    ),
)

RU = Language(
    code="ru",
    code3="rus",
    number_mark=(),
    units={
        "article": Form(
            "{w} {n}",
            ("ст.", "статья", "статьи", "статье", "статью", "статьей"),
            ("статьи", "статей", "статьях"),
            ("статья",),
        ),  # fmt: skip
        "paragraph": Form("{w} {n}", ("пункт", "п.", "пункта", "пункте", "пунктом"), ("пункты", "пунктов")),
        "recital": Form("{w} {n}", ("абзац",), ("абзацы",)),
        "part-paragraph": Form("{w} {n}", ("пункт", "п.", "пункта"), ("пункты", "пунктов")),
        "agenda-item": Form("{w} {n}", ("пункт повестки дня",), ()),
        "signatory": Form("{w} {n}", ("подписавший",), ()),
        "annex": Form("{w} {n}", ("приложение", "приложения", "приложении"), ("приложения",)),
        "section": Form("{w} {n}", ("раздел", "раздела"), ("разделы",)),
    },
    inserted={"bis": "{w} {n} {o}"},
    divisions={
        "book": Form("{w} {n}", ("книга",), ("книги",)),
        "part": Form("{w} {n}", ("часть", "части"), ("части",)),
        "chapter": Form("{w} {n}", ("глава", "главы"), ("главы",)),
        "section": Form("{w} {n}", ("раздел", "раздела"), ("разделы",)),
    },
    named={"preamble": ("преамбула",), "title": ("название",)},
    labels=_labels(
        {
            "article": "Статья {}",
            "paragraph": "Пункт {}",
            "recital": "Абзац {} преамбулы",
            "letter-paragraph": "Пункт {} письма",
            "agenda-item": "Пункт {} повестки дня",
            "signatory": "Подписавший {}",
            "annex": "Приложение {}",
            "title": "Название",
            "letter": "Письмо",
            "letter-title": "Название письма",
            "agenda": "Повестка дня",
            "preamble": "Преамбула",
            "parties": "Стороны",
            "formula": "Формула",
            "signing": "Подписание",
            "signatures": "Подписи",
            "resolution": "Резолюция",
            "resolution-title": "Название",
        }
    ),  # fmt: skip
    list_words=(",", ";", "и"),
    range_words=("–", "—", "-", "~"),
    of=(),
    ordinals=LATIN_ORDINALS,
    treaties=("договор", "конвенция", "конвенции", "соглашение", "соглашения", "протокол", "устав", "пакт"),
    declarations=("декларация", "меморандум"),
    acts=("закон", "кодекс", "указ", "постановление", "конституция"),
    rules=("правила",),
    organizations=(
        "наций",
        "организация",
        "орган",
        "совет",
        "комитет",
        "комиссия",
        "ассамблея",
        "союз",
        "агентство",
        "суд",
        "трибунал",
        "банк",
        "фонд",
        "секретариат",
        "конференция",
    ),  # fmt: skip
    known_organizations=("Организация Объединенных Наций",),
    known_instruments=(),
    own=("настоящий", "настоящее", "настоящая", "настоящего"),
    this=("настоящая", "настоящий", "настоящее"),
    previous=(),
    goes_on=("или",),
    lead_ins=("см.", "согласно", "в соответствии с"),
    title_words="о об и в на по для между с".split(),
    state_suffixes=(),
    months=tuple("января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()),
    determiners=("настоящий", "настоящее", "настоящая", "настоящего", "этот", "это"),
    genitives=("статьи", "пункта", "части", "главы", "раздела", "приложения"),
    formulas=("согласились о нижеследующем",),
    witness=("в удостоверение чего",),
    signing_words=("совершено в",),
    # a part (часть), chapter (глава) or article (статья) is feminine, a section (раздел)
    # masculine: ЧАСТЬ ПЕРВАЯ, РАЗДЕЛ ПЕРВЫЙ
    number_words=_ordinals(
        "первая первый",
        "вторая второй",
        "третья третий",
        "четвертая четвёртая четвертый четвёртый",
        "пятая пятый",
        "шестая шестой",
        "седьмая седьмой",
        "восьмая восьмой",
        "девятая девятый",
        "десятая десятый",
    ),
)

AR = Language(
    code="ar",
    code3="ara",
    number_mark=(),
    units={
        # several: المواد, or two: المادتان (المادتين after a preposition)
        "article": Form("{w} {n}", ("المادة", "مادة"), ("المواد", "المادتان", "المادتين"), ("المادة",)),
        "paragraph": Form("{w} {n}", ("الفقرة", "فقرة"), ("الفقرات", "الفقرتان", "الفقرتين")),
        "recital": Form("{w} {n}", ("الفقرة",), ("الفقرات",)),
        "part-paragraph": Form("{w} {n}", ("الفقرة", "فقرة"), ("الفقرات",)),
        "agenda-item": Form("{w} {n}", ("البند",), ("البنود",)),
        "signatory": Form("{w} {n}", ("الموقع",), ()),
        "annex": Form("{w} {n}", ("المرفق", "مرفق"), ("المرفقات",)),
        "section": Form("{w} {n}", ("الفرع",), ("الفروع",)),
    },
    inserted={"bis": "{w} {n} {o}"},
    divisions={
        "part": Form("{w} {n}", ("الجزء",), ("الأجزاء",)),
        "chapter": Form("{w} {n}", ("الفصل",), ("الفصول",)),
        "section": Form("{w} {n}", ("الفرع",), ("الفروع",)),
    },
    named={"preamble": ("الديباجة",), "title": ("العنوان",)},
    labels=_labels(
        {
            "article": "المادة {}",
            "paragraph": "الفقرة {}",
            "recital": "الفقرة {} من الديباجة",
            "letter-paragraph": "الفقرة {} من الرسالة",
            "agenda-item": "البند {} من جدول الأعمال",
            "signatory": "الموقع {}",
            "annex": "المرفق {}",
            "title": "العنوان",
            "letter": "الرسالة",
            "letter-title": "عنوان الرسالة",
            "agenda": "جدول الأعمال",
            "preamble": "الديباجة",
            "parties": "الأطراف",
            "formula": "الصيغة",
            "signing": "التوقيع",
            "signatures": "التوقيعات",
            "resolution": "القرار",
            "resolution-title": "العنوان",
        }
    ),  # fmt: skip
    list_words=("و", ",", ";"),  # و is written on the word it joins too: المادتان 1 و2
    range_words=("إلى", "–", "—", "-", "~"),
    of=("من",),
    ordinals=LATIN_ORDINALS,
    treaties=("اتفاقية", "اتفاق", "معاهدة", "بروتوكول", "ميثاق"),
    declarations=("إعلان", "مذكرة"),
    acts=("قانون", "مرسوم", "دستور", "نظام"),
    rules=("قواعد",),
    organizations=(
        "الأمم",
        "منظمة",
        "سلطة",
        "مجلس",
        "لجنة",
        "جمعية",
        "اتحاد",
        "وكالة",
        "محكمة",
        "مصرف",
        "صندوق",
        "أمانة",
        "مؤتمر",
    ),  # fmt: skip
    known_organizations=("الأمم المتحدة",),
    known_instruments=(),
    own=("هذا", "هذه"),
    this=("هذا", "هذه"),
    previous=(),
    goes_on=("أو",),
    lead_ins=("انظر", "وفقا", "بموجب"),
    title_words="في من على بشأن إلى و".split(),
    state_suffixes=(),
    months=tuple("يناير فبراير مارس أبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split()),
    formulas=("اتفقت على ما يلي",),
    witness=("وإثباتا لذلك",),
    signing_words=("حرر في",),
    number_words={
        "الأول": 1,
        "الثاني": 2,
        "الثالث": 3,
        "الرابع": 4,
        "الخامس": 5,
        "السادس": 6,
        "السابع": 7,
        "الثامن": 8,
        "التاسع": 9,
        "العاشر": 10,
        "الحادي عشر": 11,
        "الثاني عشر": 12,
    },  # fmt: skip
    punctuation={"،": ",", "؛": ";"},
)

LANGUAGES = {language.code: language for language in (ZH, EN, FR, ES, RU, AR)}

# The traditional form of each character of the Chinese words above that a traditional text
# writes otherwise: what the loader reads in headings and titles, and `cite` writes back (a test
# checks each pair against OpenCC's table in data/t2s.txt, and that none is missing).
TRADITIONAL = str.maketrans(
    "东书众会体决准则办协后员国声处备宪录报换条标欧签约纲组细织缔编联节见规议该语释银项题与",
    "東書眾會體決準則辦協後員國聲處備憲錄報換條標歐簽約綱組細織締編聯節見規議該語釋銀項題與",
)
SIMPLIFIED = {traditional: simplified for simplified, traditional in TRADITIONAL.items()}
# every language's own punctuation as the marks a reference is read with (، → ,)
PUNCTUATION = {
    ord(mark): read for language in LANGUAGES.values() for mark, read in language.punctuation.items()
}


def both_scripts(words) -> tuple[str, ...]:
    """Chinese words in simplified and traditional characters, each once: what a reader of raw
    text (a heading, a title) looks for."""
    return tuple(dict.fromkeys(w for word in words for w in (word, word.translate(TRADITIONAL))))


def language(code: str) -> Language:
    """The vocabulary of a document's language (English for one the tool has none of)."""
    return LANGUAGES.get(code, EN)


def hierarchy(code: str, script: str, convention: int = 0) -> tuple[str, ...]:
    """The words a citation names a document's article, paragraph and item with, as many as
    its language has words for, in the document's script (條, 款, 項 in a traditional text), by
    the language's convention numbered `convention` (Language.conventions; Taiwan's is 1)."""
    conventions = language(code).conventions
    if conventions:
        words = list(conventions[convention].words)
    else:
        units = language(code).units
        words = [units[kind].words[0] for kind in ("article", "paragraph", "item") if kind in units]
    return tuple(word.translate(TRADITIONAL) for word in words) if script == "hant" else tuple(words)


def convention_of(code: str, words: tuple[str, ...]) -> Convention | None:
    """The convention a document's recorded hierarchy words are, in either script."""
    simplified = tuple(word.translate(SIMPLIFIED) for word in words)
    return next((c for c in language(code).conventions if c.words == simplified), None)


def alternatives(words) -> str:
    """Words as one regular-expression alternation, longest first, so that a longer word wins
    over its start (法典 over 法): how every reader turns these words into a pattern."""
    import re

    return "(?:" + "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)) + ")"


def inserted_after_word(language: Language) -> tuple[str, ...]:
    """What stands between a unit's word and an inserted ordinal where the ordinal comes last
    ({n}{w}之{o}: 之): how a division inserted after another is written (第五章之一)."""
    return tuple(
        dict.fromkeys(
            template.split("{w}", 1)[1][: -len("{o}")]
            for template in language.inserted.values()
            if template.endswith("{o}") and template.index("{n}") < template.index("{w}")
        )
    )


def every(attribute: str) -> tuple:
    """The words of one field of every language, each once: a reader that does not know the
    language of what it reads (a reference typed by a user) takes them all."""
    words: dict = {}
    for vocabulary in LANGUAGES.values():
        value = getattr(vocabulary, attribute)
        words.update(dict.fromkeys(value))
    return tuple(words)
