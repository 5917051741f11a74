"""Words that never name what an article is about: function words, the words every treaty
uses for its parties and itself, and the verbs that open its recitals and resolutions
(注意到, Recalling, Decides), and number and month names (a number is not a subject, a date is given as a date). Frequent words of one document (合作 in a
cooperation treaty) are left to the weighting, which sees the document."""

CHINESE = frozenset(
    """
    的 地 得 了 着 过 和 与 及 以及 并 并且 而 而且 或 或者 但 但是 即 亦 又 也 还 都 就 才
    在 于 对 对于 为 为了 以 以便 以期 以免 由 由于 从 向 往 自 至 到 将 把 被 让 使 给 比
    其 之 其他 其它 它 它们 他 他们 她 我 我们 你 您 本 该 此 这 这些 这种 这样 那 那些 各 每
    所有 一切 任何 有关 关于 根据 依据 按照 依照 通过 经过 进行 包括 方面 之间 之中 之内
    之后 之前 以来 以上 以下 以内 以外 如下 如此 如何 为此 因此 因而 所以 同时 然后 如果
    若 则 虽然 尽管 不论 无论 是否 是 有 无 没有 不 非 应 应当 应该 须 必须 可 可以 能 能够
    会 要 需要 得以 予以 加以 等 等等 之一 一个 一些 一种 个 些 已 已经 曾 正在 仍 仍然 均
    即将 目前 今后 上述 前述 下列 其中 方式 情况 有所 所 者 兹
    双方 两国 各方 缔约 缔约国 缔约方 缔约各方 缔约双方 本条约 本协定 本公约 本法 本条例 本议定书
    该条约 该协定 本条 本款 前款 规定 条款 之日起
    注意到 考虑到 认识到 意识到 重申 深信 希望 铭记 回顾 欢迎 强调 决心 兹协议如下 协议如下
    """.split()
)

ENGLISH = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either every
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just least less many may me might more most much must my myself
    neither no nor not now of off on once only or other others otherwise our ours ourselves out
    over own per same shall she should since so some such than that the their theirs them
    themselves then there thereby therefore therein thereof thereto these they this those
    through thus to too under until up upon us very via was we were what when where whether
    which while who whom whose why will with within without would yet you your yours
    hereby herein hereof hereto whereas whereby wherein
    article articles paragraph paragraphs party parties present
    recalling noting considering desiring recognizing recognising reaffirming affirming convinced
    aware mindful bearing welcoming emphasizing emphasising stressing agreed follows decides
    requests urges invites welcomes calls notes referred accordance pursuant including guided
    expressing acknowledging concerned alarmed deploring
    nothing one two three four five six seven eight nine ten eleven twelve hundred thousand
    first second third
    january february march april may june july august september october november december
    """.split()
)
