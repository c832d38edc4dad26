/* text_wrap.c — see text_wrap.h. */
#include "text_wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text.h"

/* Whether the text at p begins with prefix. */
static bool begins_with(const unsigned char *p, const char *prefix)
{
    return strncmp((const char *)p, prefix, strlen(prefix)) == 0;
}

/* Chinese, Japanese and Korean characters: lines may break around any of
 * them, as these scripts put no spaces between words. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Punctuation that may not begin a line (closing marks, full stops and
 * commas, per cent and degree signs, CJK and Latin) and that may not end
 * one (opening marks): the rules CJK typesetting calls kinsoku. */
static bool no_break_before(uint32_t cp)
{
    static const uint32_t marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
                                     0xFF1F, 0xFF09, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
                                     0xFF3D, 0xFF5D, 0x2026, 0x201D, 0x2019, 0xFF05, 0x2030,
                                     0x00B0, ',', '.', ';', ':', '!', '?', ')', ']', '}', '%'};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (cp == marks[k])
            return true;
    return false;
}

static bool no_break_after(uint32_t cp)
{
    return cp == 0xFF08 || cp == 0x3008 || cp == 0x300A || cp == 0x300C || cp == 0x300E ||
           cp == 0x3010 || cp == 0xFF3B || cp == 0xFF5B || cp == 0x201C || cp == 0x2018 ||
           cp == '(' || cp == '[' || cp == '{';
}

/* What a Chinese reader reads as one word beyond ICU's dictionary words
 * (splits_phrase holds them together): these tables and a few rules there.
 *
 * The lessons' terms (the Chinese captions of lessons/) that a line does not split while
 * another break is near: each is read as one word. */
static const char *const terms[] = {
    "鞍点", "梯度", "梯度流", "学习率", "极小值", "最低点", "山谷", "谷底", "损失", "动量",
    "噪声", "方向", "步幅", "粒子", "样本", "路径", "起点", "出发", "尖锐", "平坦",
    "批大小", "拟合", "直线", "宽度", "权重", "下降", "边缘", "速度", "随机", "扰动",
    "余弦", "平台", "曲率", "锐度", "收敛", "发散", "正则化", "线性", "数据", "预热",
    "平均", "距离", "前进", "不断", "来回", "唯一", "网络", "冲过头",
    "增加", "到达", "三分之一", "四分之一", "十分之一", "回归", "始终", "时间", "指数增长",
    "来回跳", "累积", "种子", "初始化", "隐藏层", "探针", "准确率", "决策区域", "方差",
    "协方差", "网格", "虚线", "箭头", "训练点", "测试点", "甩上", "稳定性", "圆圈", "试验",
    "理论值", "上沿", "梯度下降", "两端", "批量", "周期", "螺旋臂", "尖锐山谷", "平坦山谷",
    "梯度平方", "碗边", "碗底", "分对",
};

/* Characters read as one word with the next (never ending a line before
 * a Chinese character): 之 begins one (之间, 之后, 之一), the degree
 * adverbs 最, 更 and 很 modify it (最陡: batch_and_flatness 3 broke "损失最
 * / 陡方向"; "更 / 平坦"), the prepositions 沿 ("along") and 比 ("than")
 * lead it (representation's note broke "只有沿 / 虚线方向"; "比 / 线 6"),
 * 被 (the passive) and 已 ("already") the verb after them ("被 / 找到", "已
 * / 在"), as do the adverbs 又 ("again"), 再 ("once more") and 也 ("also":
 * edge_of_stability 2 broke "损失又 / 下降了" at 1280x720 --projector), 第
 * the numeral it makes an ordinal ("第 / 一步").  And
 * one-character words that ICU's word iterator reads as words of their
 * own where they begin one, leading the word after them: the modifiers 大
 * / 学习率, 小 / 批量, 小 / 网络 (issue 12, recorded at 1280x720
 * --projector). */
static const char leading_chars[] = "之最更很沿比被已又再也第";
static const char modifiers[] = "大小快慢新";

/* Characters that, a word of their own, lean on the word before them and
 * begin no line after a Chinese one (besides the particles,
 * word_is_particle): 时 ("when": "当 / 时"), 处 ("where": "所在处") and the
 * locatives 外, 里 and 上 ("屏幕 / 外"; schedules 2's "碗边 / 上", and 19
 * more shipped texts broke "方向 / 上的", "训练点 / 上"); not where they
 * begin a word (时间, 外圈, 上沿).  After a space 时 is held by the
 * bindings (POSTPOSITION): "η = 0.1 时" stays whole. */
static const char trailing_chars[] = "时处外里上";

/* Words that complete the verb before them, beginning no line: "跳了 /
 * 起来" (adaptive 5). */
static const char *const complements[] = {"起来", "出来", "下来"};

/* Whether a break at byte pos of text falls inside one of the terms. */
static bool splits_term(const unsigned char *text, size_t pos)
{
    /* The terms are CJK only: a break before anything else (a space, a
     * Latin letter, a digit) splits none.  The layout wraps the captions
     * many times a frame, so this test runs often. */
    if (text[pos] < 0xE0)
        return false;
    for (size_t k = 0; k < sizeof terms / sizeof terms[0]; k++) {
        const unsigned char *term = (const unsigned char *)terms[k];
        /* Every character boundary inside the term (UTF-8 lead bytes). */
        for (size_t cut = 1; term[cut] && cut <= pos; cut++)
            if ((term[cut] & 0xC0) != 0x80 && text[pos - cut] == term[0] &&
                text[pos] == term[cut] &&
                begins_with(text + pos - cut, terms[k]))
                return true;
    }
    return false;
}

/* Whether one of the terms begins at byte pos of text: a break before it
 * parts no word, though ICU's dictionary reads one across it ("中分" of
 * "（训练从未用过）中分对的比例", where 分对 is "classified right":
 * adam_vs_sgd_network 5). */
static bool term_begins(const unsigned char *text, size_t pos)
{
    if (text[pos] < 0xE0)
        return false;
    for (size_t k = 0; k < sizeof terms / sizeof terms[0]; k++)
        if (begins_with(text + pos, terms[k]))
            return true;
    return false;
}

/* Numerals and demonstratives (一 两 三 …, 这 那 每 几) and the measure words
 * that count after them: 一个点, 这条线, 每步, 200 个样本.  Such a counted
 * phrase reads as one word: a line does not end inside it. */
static bool is_one_of(const char *set, uint32_t cp)
{
    for (const unsigned char *p = (const unsigned char *)set; *p;) {
        int len = 0;
        if (utf8_next(p, &len) == cp)
            return true;
        p += len;
    }
    return false;
}

static bool is_counter(uint32_t cp)
{
    return is_one_of("一二两三四五六七八九十百千万几这那每哪某各半", cp);
}

/* Measure words that need the noun after them (个 of 一个点)... */
static bool is_classifier(uint32_t cp)
{
    return is_one_of("个条只种根张块段位份组片团对批层类件些", cp);
}

/* ...and those that are the counted thing themselves (步 of 第 20 步, 每步). */
static bool is_measure_word(uint32_t cp)
{
    return is_classifier(cp) || is_one_of("步次点倍圈轮处", cp);
}

/* The character that ends before byte pos of text (not before start), and
 * where it begins; 0 at start. */
static uint32_t char_before(const unsigned char *t, size_t start, size_t pos, size_t *at)
{
    if (pos <= start)
        return 0;
    size_t i = pos - 1;
    while (i > start && (t[i] & 0xC0) == 0x80)
        i--;
    int len = 0;
    *at = i;
    return utf8_next(t + i, &len);
}

/* Whether what ends at byte pos is a number or a counter before a measure
 * word: "这" of 这条, "200 " of 200 个. */
static bool counts_before(const unsigned char *t, size_t start, size_t pos)
{
    size_t at = pos;
    uint32_t c = char_before(t, start, pos, &at);
    if (c == ' ')
        c = char_before(t, start, at, &at);
    return is_counter(c) || (c >= '0' && c <= '9');
}

/* Whether a break at byte pos (between two CJK characters, next after it)
 * falls inside a counted phrase: between the counter and its measure word,
 * or between a classifier and its noun ("一|个|点": neither 一 / 个点 nor
 * 一个 / 点; 第 20 步 / 附近 is fine).  The noun itself is kept whole by the
 * terms above. */
static bool splits_count(const unsigned char *t, size_t start, size_t pos, uint32_t next)
{
    size_t at = pos;
    uint32_t c = char_before(t, start, pos, &at);
    return (is_counter(c) && is_measure_word(next)) ||
           (is_classifier(c) && counts_before(t, start, at));
}

/* Whether a break at byte pos (between two CJK characters, next after it)
 * parts a count that a line keeps whole where that costs no line: a
 * counter and a numeral ("这 / 一次"), or 次 counted and what it counts ("20 次 /
 * 试验", batch_and_flatness 4), which may as well be an action ("一次 /
 * 比一次低"), so it binds softer than 个 does. */
static bool splits_count_softly(const unsigned char *t, size_t start, size_t pos, uint32_t next)
{
    size_t at = pos;
    uint32_t c = char_before(t, start, pos, &at);
    return (is_counter(c) && is_one_of("一二两三四五六七八九十百千万", next)) ||
           (c == 0x6B21 /* 次 */ && counts_before(t, start, at));
}

/* Signs that bind the words around them into one formula ("η = 0.18",
 * "θ − η∇L", "dt + noise"): a space next to one is not a break. */
static bool is_operator(uint32_t cp)
{
    static const uint32_t signs[] = {'=', '<', '>', '+', '/', 0x2212 /* − */, 0x2248 /* ≈ */,
                                     0x2260 /* ≠ */, 0x2264 /* ≤ */, 0x2265 /* ≥ */,
                                     0x00D7 /* × */, 0x00B1 /* ± */, 0x2192 /* → */,
                                     0x2190 /* ← */};
    for (size_t k = 0; k < sizeof signs / sizeof signs[0]; k++)
        if (cp == signs[k])
            return true;
    return false;
}

/* Whether byte i of text[start..stop) is a hyphen-minus standing alone
 * between spaces ("θ - c", "base - sharp_depth"): the minus a formula
 * writes in ASCII, an operator as − is.  A hyphen elsewhere joins a word
 * ("max-margin") or signs a number ("-2", "exp(-y"). */
static bool lone_minus(const unsigned char *t, size_t start, size_t stop, size_t i)
{
    return i >= start && i < stop && t[i] == '-' && (i == start || t[i - 1] == ' ') &&
           i + 1 < stop && t[i + 1] == ' ';
}

/* The dot of a product written with no spaces, "深度·G(尖谷)": not an
 * operator, as " · " with spaces parts a legend's title from its numbers. */
#define PRODUCT_DOT 0x00B7

/* Whether byte pos, between two characters of which one is CJK, lies in
 * a product written with its dot and no spaces: at the dot, or inside the
 * Chinese name it multiplies ("平谷深度·G(平谷)", "碗·(x^2").  sharp_flat's
 * legend broke "碗 / ·(x^2 + y^2)", and then "平谷深 / 度·G(平谷)". */
static bool in_product(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    size_t at = pos, i = pos;
    uint32_t cp = 0;
    while (i > start && is_cjk(cp = char_before(t, start, i, &at)))
        i = at;
    if (cp == PRODUCT_DOT)
        return true;
    for (i = pos; i < stop;) {
        int len = 0;
        cp = utf8_next(t + i, &len);
        if (!is_cjk(cp))
            return cp == PRODUCT_DOT;
        i += (size_t)len;
    }
    return false;
}

/* Whether byte pos, between two characters of which one is CJK, lies in
 * a Chinese name standing between two operators of a formula ("= 基准 -"):
 * one of the formula's factors, as a product is.  sharp_flat's legend
 * broke "L = 基 / 准 - 尖谷深度·G(尖谷)". */
static bool in_formula_name(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    size_t at = pos, from = pos, to = pos;
    while (from > start && is_cjk(char_before(t, start, from, &at)))
        from = at;
    while (to < stop) {
        int len = 0;
        if (!is_cjk(utf8_next(t + to, &len)))
            break;
        to += (size_t)len;
    }
    int len = 0;
    return from >= start + 2 && t[from - 1] == ' ' &&
           (is_operator(char_before(t, start, from - 1, &at)) ||
            lone_minus(t, start, stop, from - 2)) &&
           to + 1 < stop && t[to] == ' ' &&
           (is_operator(utf8_next(t + to + 1, &len)) || lone_minus(t, start, stop, to + 1));
}

/* A tuple's bytes: no brackets inside, and a space only after a comma. */
static bool tuple_byte(const unsigned char *t, size_t start, size_t i)
{
    return t[i] != '(' && t[i] != ')' && (t[i] != ' ' || (i > start && t[i - 1] == ','));
}

/* Whether the space at byte pos (after a comma) is inside a coordinate pair
 * or tuple, "(0.6, 1.2)" or "(x, y)": brackets on both sides within reach,
 * and between them nothing but the tuple's items. */
static bool inside_tuple(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    enum { REACH = 48 };
    size_t open = pos;
    while (open > start && pos - open < REACH && tuple_byte(t, start, open - 1))
        open--;
    if (open == start || t[open - 1] != '(')
        return false;
    size_t close = pos;
    while (close < stop && close - pos < REACH && tuple_byte(t, start, close))
        close++;
    return close < stop && t[close] == ')';
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_latin_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether text[from..to) is a Latin word ("GD", "Adam"). */
static bool is_latin_word(const unsigned char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_latin_letter(t[i]))
            return false;
    return to > from;
}


/* Whether text[from..to) is one factor of a formula: a name, a number, a
 * call or a differential ("x", "l1", "u^2", "0.5", "cos(a)", "-sin(a)",
 * "η∇L", "dt"), with no Latin word but a function's name before its
 * bracket ("loss" is prose).  sgd_noise 1 broke "−∇L / dt". */
static bool is_factor(const unsigned char *t, size_t from, size_t to)
{
    if (to == from + 2 && t[from] == 'd' && is_latin_letter(t[from + 1]))
        return true;
    /* A parameter's name, "flat_depth" of sharp_flat's formula: the
     * legend broke "flat_depth / G(flat)". */
    const void *underscore = memchr(t + from, '_', to - from);
    size_t name_end = from;
    while (underscore && name_end < to &&
           (is_latin_letter(t[name_end]) || is_digit(t[name_end]) || t[name_end] == '_'))
        name_end++;
    if (underscore && name_end == to && is_latin_letter(t[from]))
        return true;
    size_t letters = 0;
    for (size_t i = from; i < to; i++) {
        /* A call on a name, "G(flat)": the name is no prose. */
        size_t arg = i + 1;
        while (t[i] == '(' && arg < to && (is_latin_letter(t[arg]) || t[arg] == '_'))
            arg++;
        if (t[i] == '(' && arg > i + 1 && arg < to && t[arg] == ')') {
            i = arg;
            letters = 0;
            continue;
        }
        if (is_latin_letter(t[i])) {
            letters++;
            continue;
        }
        if ((letters >= 2 && t[i] != '(') || strchr(",;:!?", t[i]) || (t[i] == '.' && i + 1 == to))
            return false;
        letters = 0;
    }
    int len = 0;
    bool operator_alone = (is_operator(utf8_next(t + from, &len)) || t[from] == '-') &&
                          from + (size_t)len == to;
    return to > from && letters < 2 && !operator_alone;
}

/* Whether the space at byte pos stands between two factors of a formula
 * ("cos(a) x", "0.5 (l1", "l2 v^2"): both words factors, and an operator
 * beyond one of them ("= cos(a) x", "l2 v^2 +").  The second may end its
 * clause with a comma ("+ sin(a) y, v = …": sgd_noise 1's legend broke
 * "sin(a) / y," at 960x540); a comma after the first parts two clauses
 * ("a = 1, b = 2"). */
static bool joins_factors(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    size_t from = pos, to = pos + 1, at = pos;
    while (from > start && t[from - 1] != ' ' && !is_cjk(char_before(t, start, from, &at)))
        from = at;
    while (to < stop && t[to] != ' ') {
        int len = 0;
        if (is_cjk(utf8_next(t + to, &len)))
            break;
        to += (size_t)len;
    }
    size_t end = to > pos + 2 && strchr(",;", t[to - 1]) ? to - 1 : to;
    if (!is_factor(t, from, pos) || !is_factor(t, pos + 1, end))
        return false;
    int len = 0;
    bool operator_before = from > start + 1 && t[from - 1] == ' ' &&
                           (is_operator(char_before(t, start, from - 1, &at)) ||
                            lone_minus(t, start, stop, from - 2));
    bool operator_after = to + 1 < stop && t[to] == ' ' &&
                          (is_operator(utf8_next(t + to + 1, &len)) ||
                           lone_minus(t, start, stop, to + 1));
    /* A sum's sign and what it multiplies: the logistic loss's "(1/N) Σ
     * log(1 + …)" lost its "(1/N)" to a line of its own. */
    static const char sum[] = "Σ";
    bool sign = (pos - from == sizeof sum - 1 && memcmp(t + from, sum, sizeof sum - 1) == 0) ||
                (to - pos - 1 == sizeof sum - 1 && memcmp(t + pos + 1, sum, sizeof sum - 1) == 0);
    return operator_before || operator_after || sign;
}

/* Where a line breaks only when nothing else fits: between from and to
 * (not at either end). */
typedef struct Span {
    size_t from, to;
} Span;

/* A bracket of at most GROUP_CHARS characters reads as one word:
 * "（路径 2）" (recorded as SGD（路径 / 2）), "(0.6, 1.2)", "(l1 u^2 + l2
 * v^2)"; a longer one keeps its last TAIL_CHARS characters with its
 * closing bracket. */
#define GROUP_CHARS 16
#define TAIL_CHARS 3
#define MAX_SPANS 64

static bool opens(uint32_t cp)
{
    return cp == '(' || cp == 0xFF08;
}

static bool closes(uint32_t cp)
{
    return cp == ')' || cp == 0xFF09;
}

/* The spans of text[start..stop) read as one word: short brackets and the
 * tails of long ones; at most max, returns how many. */
static int group_spans(const unsigned char *t, size_t start, size_t stop, Span *spans, int max)
{
    int count = 0;
    /* Where the last TAIL_CHARS characters since an opening bracket began. */
    size_t recent[TAIL_CHARS] = {0};
    size_t seen = 0;
    for (size_t i = start; i < stop && count < max;) {
        int len = 0;
        uint32_t cp = utf8_next(t + i, &len);
        if (opens(cp)) {
            size_t j = i + (size_t)len;
            int chars = 0, next_len = 0;
            uint32_t next = 0;
            while (j < stop && chars <= GROUP_CHARS &&
                   !opens(next = utf8_next(t + j, &next_len)) && !closes(next)) {
                chars++;
                j += (size_t)next_len;
            }
            if (j < stop && closes(next) && chars <= GROUP_CHARS)
                spans[count++] = (Span){i, j + (size_t)next_len};
            seen = 0;
            i += (size_t)len;
            continue;
        }
        if (closes(cp) && seen >= TAIL_CHARS)
            spans[count++] = (Span){recent[seen % TAIL_CHARS], i};
        recent[seen++ % TAIL_CHARS] = i;
        i += (size_t)len;
    }
    return count;
}

/* A word around a break: bytes from..to of the text, its brackets and
 * trailing punctuation left out ("(0" is 0, "%," is %). */
typedef struct Word {
    size_t from, to;
} Word;

/* The word that ends at byte end (not before start): back to a space or
 * to a change between CJK and other script ("3/3" of "3/3个点"). */
static Word word_before(const unsigned char *t, size_t start, size_t end)
{
    size_t from = end, at = end;
    bool cjk = from > start && is_cjk(char_before(t, start, from, &at));
    while (from > start && t[from - 1] != ' ' && is_cjk(char_before(t, start, from, &at)) == cjk)
        from = at;
    return (Word){from, end};
}

/* The word that begins at byte from, spaces skipped, up to a space or a
 * change of script (before stop). */
static Word word_after(const unsigned char *t, size_t from, size_t stop)
{
    while (from < stop && t[from] == ' ')
        from++;
    size_t to = from;
    int len = 0;
    bool cjk = from < stop && is_cjk(utf8_next(t + from, &len));
    while (to < stop && t[to] != ' ' && is_cjk(utf8_next(t + to, &len)) == cjk)
        to += (size_t)len;
    return (Word){from, to};
}

/* w without its opening brackets and its closing punctuation. */
static Word bare(const unsigned char *t, Word w)
{
    while (w.from < w.to && strchr("([", t[w.from]))
        w.from++;
    while (w.to > w.from && strchr(",.;:!?)]", t[w.to - 1]))
        w.to--;
    return w;
}

static bool word_is(const unsigned char *t, Word w, const char *const *set)
{
    for (size_t k = 0; set[k]; k++)
        if (strlen(set[k]) == w.to - w.from && memcmp(t + w.from, set[k], w.to - w.from) == 0)
            return true;
    return false;
}

/* Whether the bytes of t from i up to to are an exponent in superscript
 * ("⁻¹³" of 10⁻¹³, "²" of x²): a power's, which its number keeps. */
static bool is_superscript(const unsigned char *t, size_t i, size_t to)
{
    while (i < to) {
        int len = 0;
        if (!is_one_of("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", utf8_next(t + i, &len)))
            return false;
        i += (size_t)len;
    }
    return true;
}

/* Whether w is a number: signed, with decimals or thousands, a fraction
 * ("3/3"), a per cent ("59%") or a power ("10⁻¹³": adam_vs_sgd 3 broke
 * "低于 / 10⁻¹³"). */
static bool is_number(const unsigned char *t, Word w)
{
    size_t i = w.from, digits = 0;
    static const char *const signs[] = {"-", "+", "−", "±", NULL};
    for (size_t k = 0; signs[k]; k++)
        if (w.to - i > strlen(signs[k]) && memcmp(t + i, signs[k], strlen(signs[k])) == 0) {
            i += strlen(signs[k]);
            break;
        }
    for (; i < w.to; i++) {
        if (is_digit(t[i]))
            digits++;
        else if (!(strchr(".,/", t[i]) && i > w.from && is_digit(t[i - 1]) && i + 1 < w.to &&
                   is_digit(t[i + 1])))
            break;
    }
    static const char *const after[] = {"%", "°", NULL};
    return digits > 0 && (i == w.to || word_is(t, (Word){i, w.to}, after) ||
                          is_superscript(t, i, w.to));
}

/* Whether the word at p begins with one of the characters leads, the
 * first of a word none of words (count of them) begins. */
static bool word_led_by(const unsigned char *p, const char *leads, const char *const *words,
                        size_t count)
{
    int len = 0;
    if (!*p || !is_one_of(leads, utf8_next(p, &len)))
        return false;
    for (size_t k = 0; k < count; k++)
        if (begins_with(p, words[k]))
            return false;
    return true;
}

/* Whether the word at p begins with a particle that leans on the word
 * before it and begins no line: 的, 了 or 着 (the verb's aspect:
 * trained_not_derived 3 broke "隔 / 着" at 1280x720 --projector), not 的确,
 * 了解 nor the words 着 begins (着手, 着陆).  After a number or a name
 * ("|θ| 的") no dictionary reads the word: these are the lessons'. */
static bool word_is_particle(const unsigned char *p)
{
    static const char *const words[] = {"的确", "了解", "着手", "着陆", "着急", "着想",
                                        "着重", "着色", "着迷"};
    return word_led_by(p, "的了着", words, sizeof words / sizeof words[0]);
}

/* Whether the word at p begins with 时 ("when") closing the clause
 * before it, as a formula's ("η = 0.1 时", "2/λmax 时"), not the words 时
 * begins (时间, 时刻). */
static bool word_is_postposition(const unsigned char *p)
{
    static const char *const words[] = {"时间", "时刻", "时候", "时期", "时代", "时常"};
    return word_led_by(p, "时", words, sizeof words / sizeof words[0]);
}

/* Whether the word at p begins with a locative that places the bracket
 * before it ("（训练从未用过）中": adam_vs_sgd_network 5 began a line with
 * "中分对的比例" at 1280x720 --projector), not a word it begins (中间, 上升). */
static bool word_is_locative(const unsigned char *p)
{
    static const char *const words[] = {"中间", "中心", "中文", "中点", "上升", "上方", "上面",
                                        "上沿", "上一", "里面", "外面", "外圈", "外侧"};
    return word_led_by(p, "中上里外", words, sizeof words / sizeof words[0]);
}

typedef enum WordClass {
    ANY,
    NUMBER,    /* "0.18", "-2", "3/3", "59%" */
    UNIT,      /* "%", "px", "°" */
    VALUE,     /* a number that begins with a digit: "5:" of "on 5:", not "(1," nor "−1" */
    CLOSING,   /* a number that begins with a digit and ends in a colon or a per cent:
                * "5:", "73%" */
    LAST,      /* a number that begins with a digit and ends the paragraph */
    PREPOSITION, /* "on", "of", "in", "at", "for", "by" */
    PLURAL,    /* a Latin plural a number counts: "examples", "times" */
    LINK,      /* "of", "and": a count out of a count, a range's ends */
    OUT_OF,    /* "of" alone: "19 of 20" */
    KEY,       /* a key and its colon: "h:" of the status line's "h: help", "h：" */
    COUNTED_BY, /* what makes a number a quantity after it: a plural, a range */
    COUNT_UNIT, /* a unit with no mark after it: "%" of "25 % 以内" */
    MEASURE,   /* a Chinese measure word begins it: 个点, 步, 倍 */
    CHINESE,   /* a Chinese word begins it: 以内 */
    LEAD,      /* a Latin word with no mark after it: "on" of "on 5", "train" of "train 73%" */
    RANGE,     /* "to", 到, 至, "–", "~" between two numbers */
    RELATION,  /* "≈", "=", "<", ">", "≤", "≥", "≠" */
    NO_FACTOR, /* none, or no factor a number multiplies ("(l1" of "= 0.5 (l1") */
    POSSESSIVE, /* a Latin word's possessive with no mark after it: "minimum's", "well's" */
    NUMBERED,  /* a thing a number names, not counts: "step" of "step 38", "run" of "run 3" */
    LEADING,   /* a Chinese word ending in a leading character (leading_chars): 第 makes the
                * number after it an ordinal, 沿 ("along") leads "x 方向" */
    PARTICLE,  /* 的 or 了 begins it, leaning on the word before it: "的 1.1 倍" */
    POSTPOSITION, /* 时 ("when") begins it, closing the clause before it: "η = 0.1 时" */
    BRACKETED, /* it ends in a closing bracket: "（训练从未用过）" */
    LOCATIVE,  /* 中, 上, 里 or 外 begins it, placing the word before it: "中分对" */
    DIRECTION, /* 方向 ("direction") begins it, naming the word before it's: "x 方向" */
} WordClass;

/* Whether w ends in no mark: "200" does, "200," does not. */
static bool unmarked(const unsigned char *t, Word w)
{
    return bare(t, w).to == w.to;
}

/* Whether w is a Latin word a number may count: a plural, "200 examples",
 * "25 times"; not "2 there" (of "2/λmax = 2 there"), "15 of" nor "700 on"
 * (prose goes on after a number more often than it counts). */
static bool is_noun(const unsigned char *t, Word w)
{
    static const char *const not_plurals[] = {"was", "has", "its", "this", "thus", "less",
                                              "across", "always", "unless", "perhaps", NULL};
    Word b = bare(t, w);
    return b.to - b.from >= 3 && t[b.to - 1] == 's' && is_latin_word(t, b.from, b.to) &&
           !word_is(t, b, not_plurals);
}

/* Whether w begins with a Chinese character, no punctuation mark. */
static bool is_chinese(const unsigned char *t, Word w)
{
    int len = 0;
    uint32_t cp = w.to > w.from ? utf8_next(t + w.from, &len) : 0;
    return is_cjk(cp) && !no_break_before(cp) && !no_break_after(cp) &&
           !(cp >= 0x3000 && cp <= 0x303F);
}

/* Whether nothing but spaces follows byte i in its paragraph. */
static bool ends_paragraph(const unsigned char *t, size_t i)
{
    while (t[i] == ' ')
        i++;
    return !t[i] || t[i] == '\n';
}

static bool word_in(const unsigned char *t, Word w, WordClass c)
{
    static const char *const units[] = {"%", "％", "‰", "°", "px", "pt", "ms", "s", NULL};
    static const char *const ranges[] = {"to", "到", "至", "–", "~", "～", NULL};
    static const char *const links[] = {"of", "and", NULL};
    static const char *const out_of[] = {"of", NULL};
    static const char *const prepositions[] = {"on", "of", "in", "at", "for", "by", NULL};
    static const char *const relations[] = {"≈", "=", "<", ">", "≤", "≥", "≠", NULL};
    static const char *const numbered[] = {"step", "update", "run", "epoch", NULL};
    static const char *const owners[] = {"its", "their", NULL};
    int len = 0;
    switch (c) {
    case ANY:
        return true;
    case NUMBER:
        return is_number(t, bare(t, w));
    case UNIT:
        return word_is(t, bare(t, w), units);
    case VALUE:
        return is_digit(t[w.from]) && is_number(t, bare(t, w));
    case CLOSING:
        return word_in(t, w, VALUE) &&
               (t[w.to - 1] == ':' || t[bare(t, w).to - 1] == '%');
    case LAST:
        return word_in(t, w, VALUE) && ends_paragraph(t, w.to);
    case PREPOSITION:
        return word_is(t, w, prepositions);
    case PLURAL:
        return is_noun(t, w);
    case KEY:
        return (w.to == w.from + 2 && is_latin_letter(t[w.from]) && t[w.from + 1] == ':') ||
               (w.to == w.from + 3 && memcmp(t + w.from, "：", 3) == 0 && w.from >= 1 &&
                is_latin_letter(t[w.from - 1]) && (w.from == 1 || t[w.from - 2] == ' '));
    case LINK:
        return word_is(t, w, links);
    case OUT_OF:
        return word_is(t, w, out_of);
    case COUNTED_BY:
        /* "and", not "of": "15 of" is prose more often than a count. */
        return word_in(t, w, RANGE) || (word_in(t, w, LINK) && !word_in(t, w, PREPOSITION)) ||
               is_noun(t, w);
    case COUNT_UNIT:
        return unmarked(t, w) && word_is(t, w, units);
    case MEASURE:
        return w.to > w.from && is_measure_word(utf8_next(t + w.from, &len));
    case CHINESE:
        return is_chinese(t, w);
    case LEAD:
        return is_latin_word(t, w.from, w.to);
    case RANGE:
        return word_is(t, w, ranges);
    case RELATION:
        return word_is(t, w, relations);
    case NO_FACTOR:
        return w.from == w.to || is_cjk(utf8_next(t + w.from, &len)) || !is_factor(t, w.from, w.to);
    case POSSESSIVE:
        return word_is(t, w, owners) || (w.to >= w.from + 3 && t[w.to - 1] == 's' && t[w.to - 2] == '\'' &&
               is_latin_word(t, w.from, w.to - 2));
    case NUMBERED:
        return word_is(t, w, numbered);
    case LEADING: {
        /* Not where the character ends a term: "上沿" ("upper edge"). */
        size_t at = w.to;
        return w.to > w.from && is_one_of(leading_chars, char_before(t, w.from, w.to, &at)) &&
               !splits_term(t, at);
    }
    case PARTICLE:
        return word_is_particle(t + w.from);
    case POSTPOSITION:
        return word_is_postposition(t + w.from);
    case BRACKETED: {
        size_t at = w.to;
        return closes(char_before(t, w.from, w.to, &at));
    }
    case LOCATIVE:
        return word_is_locative(t + w.from);
    case DIRECTION:
        return begins_with(t + w.from, "方向");
    }
    return false;
}

typedef enum BreakKind {
    BREAK_WORD,     /* a space, punctuation, a change of script */
    BREAK_INSIDE,   /* between two CJK characters */
    BREAK_COUNT,    /* inside a counted noun phrase (一个点): after a plain one */
    BREAK_TERM,     /* between two CJK characters of one term: the last resort */
    BREAK_FORMULA,  /* a space inside a formula or a tuple: only when nothing else fits */
    BREAK_COUNTED,  /* a space joining a number to its Chinese word: before a formula's */
    BREAK_FACTOR,   /* a space between a formula's factors ("cos(a) x"): after a formula's */
    BREAK_BOUND,    /* inside what the bindings keep whole: only when nothing else fits */
} BreakKind;

/* What a typesetter keeps on one line: a break between the words before
 * and after it (and those behind and beyond them) that one of these rules
 * matches is taken only where nothing else fits (BREAK_BOUND), or at no
 * cost of a line, the weakest first (BREAK_COUNTED, its strength).
 * Recorded split: "Adam 0 / to 2 %", escape 3's "3/3 / 个点", "λmax ≈ /
 * 100", and (issue 12) "GD on / 5", "about / 25 times", "12% / 以内", "25 %
 * / 以内", "train / 73%". */
static const struct Binding {
    WordClass behind, before, after, beyond;
    BreakKind kind;
    int strength; /* BREAK_COUNTED: what breaking it costs (break_cost) */
} bindings[] = {
    {ANY, NUMBER, UNIT, ANY, BREAK_BOUND, 0}, /* a number and its unit: "2 %", "5 px" */
    /* A leading character and the word it leads across a space, as
     * splits_phrase keeps it with a Chinese one: an ordinal and its number,
     * held as a number holds its measure word (learning_rate 6's note broke
     * "第 / 38 步" at 1280x720 --projector, and adaptive 4's caption, where
     * keeping it cost a line, "仍是第 / 20 步时的"; issue 12), 沿 and its
     * direction (saddle 1 broke "沿 / x 方向向上弯" there).  A particle and the word before it,
     * as splits_phrase keeps them between two Chinese characters ("平均
     * |θ| / 的 1.1 倍", "GD / 的区域"), and 时 the formula or name whose
     * clause it closes (learning_rate 5 broke "2/11 ≈ 0.18 / 时", 7 "2/λmax
     * / 时": held softly, where keeping them cost a line). */
    {ANY, LEADING, ANY, ANY, BREAK_BOUND, 0},
    {ANY, ANY, PARTICLE, ANY, BREAK_BOUND, 0},
    {ANY, ANY, POSTPOSITION, ANY, BREAK_BOUND, 0},
    /* A bracket and the locative that places it, as splits_phrase keeps
     * a locative with a Chinese word. */
    {ANY, BRACKETED, LOCATIVE, ANY, BREAK_BOUND, 0},
    /* 方向 and the axis or word it is the direction of, as splits_phrase
     * keeps it with a Chinese one (saddle 1 broke "沿 x / 方向向上弯" once
     * 沿 held its x). */
    {ANY, ANY, DIRECTION, ANY, BREAK_BOUND, 0},
    /* A key and what it does: the status line broke "h: / help" and "h：/
     * 帮助" at 1280x800 and 960x600. */
    {ANY, KEY, ANY, ANY, BREAK_BOUND, 0},
    /* A number and what it counts: "3/3 个点", "20步"; a
     * Chinese word after a number as binds_to_cjk keeps "12% 以内". */
    {ANY, NUMBER, MEASURE, ANY, BREAK_BOUND, 0},
    {NUMBER, COUNT_UNIT, CHINESE, ANY, BREAK_COUNTED, 3}, /* "25 % 以内" */
    /* Inside a range: "0 to 2", "59% 到 82%". */
    {ANY, NUMBER, RANGE, NUMBER, BREAK_BOUND, 0},
    {NUMBER, RANGE, NUMBER, ANY, BREAK_BOUND, 0},
    /* A sign and the value it gives: "≈ 100", "= 0.18"; not a coefficient,
     * "L = / 0.5 (l1 u^2 + l2 v^2)". */
    {ANY, RELATION, NUMBER, NO_FACTOR, BREAK_BOUND, 0},
    /* A name and its number: learning_rate 6's plot note broke "from step
     * / 38 on" (session 27's review of docs/frames). */
    {ANY, NUMBERED, VALUE, ANY, BREAK_COUNTED, 3},
    /* A short word and the number after it where that number ends a
     * clause, counts or begins a range: "on 5:", "about 25 times", "between
     * 0.01 and", a legend's "train 73%"; not "only / 2 of them", which cost
     * sgd_noise 4's caption a line (last: a range's "to 2" is bound
     * harder).  A Chinese word keeps its number as binds_to_cjk says. */
    {ANY, LEAD, CLOSING, ANY, BREAK_COUNTED, 2},
    {ANY, LEAD, VALUE, RANGE, BREAK_BOUND, 0},
    {ANY, LEAD, VALUE, COUNTED_BY, BREAK_COUNTED, 2},
    /* A number and the plural it counts, a count out of a count, a range
     * with "and" (issue 12: "200 / examples", "about 25 / times", "19 of /
     * 20 (filled)", "between 0.01 / and 0.5"), and who does what to a
     * number that ends a clause ("GD / on 5"): at no cost of a line, as
     * the breaker takes the fewest lines first (text_wrap.h). */
    {ANY, VALUE, PLURAL, ANY, BREAK_COUNTED, 3},
    /* A count out of a count is one quantity, kept whole even at a line's
     * cost: adam_vs_sgd_network 2's starts panel still read "19 of / 20"
     * where keeping it cost one (review of session 27's frames). */
    {ANY, VALUE, OUT_OF, VALUE, BREAK_BOUND, 0},
    {VALUE, OUT_OF, VALUE, ANY, BREAK_BOUND, 0},
    {ANY, VALUE, LINK, VALUE, BREAK_COUNTED, 3},
    {VALUE, LINK, VALUE, ANY, BREAK_COUNTED, 3},
    {ANY, LEAD, LEAD, CLOSING, BREAK_COUNTED, 1},
    /* The starts panel's "GD on 5" ends its text. */
    {ANY, PREPOSITION, LAST, ANY, BREAK_COUNTED, 2},
    {ANY, LEAD, PREPOSITION, LAST, BREAK_COUNTED, 1},
    /* A possessive and what it owns, a key and the first words of its
     * meaning (session 26's review of docs/frames: "the minimum's / 1002",
     * "a well's / bottom", "h: barrier / height"; issue 12: "of its /
     * 1900"). */
    {ANY, POSSESSIVE, ANY, ANY, BREAK_COUNTED, 2},
    {KEY, LEAD, ANY, ANY, BREAK_COUNTED, 1},
};

/* How the rules above hold a break at byte pos of text[start..stop) (a
 * space, or a change of script): BREAK_WORD where none does; *strength
 * their strength. */
static BreakKind bound(const unsigned char *t, size_t start, size_t pos, size_t stop,
                       int *strength)
{
    *strength = 0;
    /* Two spaces part a legend's columns ("train 94%  test 93%"): a pair
     * keeps its value, not the next pair's label. */
    if (t[pos] == ' ' && pos + 1 < stop && t[pos + 1] == ' ')
        return BREAK_WORD;
    Word before = word_before(t, start, pos), after = word_after(t, pos, stop);
    if (before.from == before.to || after.from == after.to)
        return BREAK_WORD;
    for (size_t k = 0; k < sizeof bindings / sizeof bindings[0]; k++) {
        const struct Binding *b = &bindings[k];
        if (!word_in(t, before, b->before) || !word_in(t, after, b->after))
            continue;
        size_t behind_end = before.from;
        while (behind_end > start && t[behind_end - 1] == ' ')
            behind_end--;
        if ((b->behind == ANY || word_in(t, word_before(t, start, behind_end), b->behind)) &&
            (b->beyond == ANY || word_in(t, word_after(t, after.to, stop), b->beyond))) {
            *strength = b->strength;
            return b->kind;
        }
    }
    return BREAK_WORD;
}

/* Whether w is a number ("20", "7%") or a one-letter name, Latin or
 * Greek ("k", "η"). */
static bool counts_or_names(const unsigned char *t, Word w)
{
    /* Its size, "|θ|": zh trained_not_derived broke "平均 |θ| / 的 1.1 倍". */
    if (w.to >= w.from + 3 && t[w.from] == '|' && t[w.to - 1] == '|')
        w = (Word){w.from + 1, w.to - 1};
    int len = 0;
    uint32_t cp = w.to > w.from ? utf8_next(t + w.from, &len) : 0;
    bool letter = (cp < 0x80 && is_latin_letter((unsigned char)cp)) || (cp >= 0x391 && cp <= 0x3C9);
    return (letter && w.from + (size_t)len == w.to) || is_number(t, w);
}

/* Whether the space at byte pos joins a number or a one-letter name to the
 * Chinese word it counts or names ("第 20 步", "25 倍", "0.18 时", "第 k 步",
 * "不到 7%", "约 η"), or a Latin word to the Chinese that goes on after it
 * ("GD 的权重", "（GD 到达": recorded split there): a CJK character on one
 * side, that number, name or word alone on the other. */
static int binds_to_cjk(const unsigned char *t, size_t start, size_t pos, size_t stop,
                        uint32_t previous, uint32_t next)
{
    /* Its strength: a number holds what it counts more than the word
     * before it holds the number ("约 η" before "Adam 每步"; "12% 以内"
     * before "的 3000"). */
    /* 的 leaves the number after it: "理论值的 / 25 %", not "理论值 / 的 25 %". */
    if (is_cjk(previous))
        return previous != 0x7684 /* 的 */ && counts_or_names(t, bare(t, word_after(t, pos, stop)))
                   ? 2
                   : 0;
    if (is_cjk(next)) {
        Word w = word_before(t, start, pos);
        return counts_or_names(t, w) ? 3 : is_latin_word(t, w.from, w.to) ? 1 : 0;
    }
    return 0;
}


/* U+2060 WORD JOINER: a translator's mark that glues the characters on
 * either side of it into one word (初始化\u2060种子).  Zero-width: it is
 * neither measured nor written into a line. */
#define WORD_JOINER 0x2060u
static const char joiner_utf8[] = "\xE2\x81\xA0";
#define JOINER_BYTES (sizeof joiner_utf8 - 1)

/* Copies text[0..n) into dest (n + 1 bytes at least) without its word
 * joiners; returns the bytes written before the NUL. */
static size_t copy_without_joiners(char *dest, const char *text, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        if (i + JOINER_BYTES <= n && memcmp(text + i, joiner_utf8, JOINER_BYTES) == 0) {
            i += JOINER_BYTES;
            continue;
        }
        dest[out++] = text[i++];
    }
    dest[out] = '\0';
    return out;
}

typedef struct Break {
    size_t at;      /* the line ends before this byte */
    BreakKind kind;
    /* Between two CJK characters, before and after it: which of
     * BREAK_INSIDE, BREAK_COUNT and BREAK_TERM it is is told only when a
     * line asks (break_kind): a line looks at a few of a paragraph's
     * breaks, and telling them all took most of the layout's time. */
    bool told;
    uint32_t before, after;
    /* Inside a span read as one word (group_spans): a line ends there only
     * when every break that fits is. */
    bool grouped;
    int strength; /* a BREAK_COUNTED's binding's: what ending a line there costs */
    bool nested;  /* inside brackets, counted from the paragraph's start */
} Break;

/* A word break is taken when its line is at least this full. */
#define WORD_BREAK_FILL (2.0 / 3.0)
/* A formula's outermost break is taken when its line is at least this
 * full (or what follows it fits on the next); else its latest break. */
#define FORMULA_FILL (1.0 / 3.0)
/* How many breaks back from the last that fits a term's split is avoided. */
#define TERM_STEPS_BACK 6

/* What a TextWrapMemory holds (text_wrap.h): for a few texts, the breaks
 * of a few line starts each.  A line's breaks and their kinds depend on
 * its text alone, not on the width or the font: the layout wraps a text at
 * a dozen widths in turn (hud.c balances a caption's lines), each wrap
 * finds the breaks of the same line starts again, and finding them
 * (bound: which words a break parts) took most of the layout's time. */
#define MEMORY_TEXTS 16
#define MEMORY_LINES 32

typedef struct RememberedLine {
    size_t start, stop;
    int count;
    Break *breaks;  /* count of them, allocated; NULL: unused */
} RememberedLine;

typedef struct RememberedText {
    char *text;     /* a copy, allocated; NULL: unused */
    RememberedLine line[MEMORY_LINES];
    int next;       /* the line the next new start replaces */
} RememberedText;

struct TextWrapMemory {
    RememberedText text[MEMORY_TEXTS];
    int next;       /* the text the next new one replaces */
    UBreakIterator *words; /* words_of's, opened on first use; NULL: not yet */
};

TextWrapMemory *text_wrap_memory_create(void)
{
    return calloc(1, sizeof(TextWrapMemory));
}

static void forget_text(RememberedText *t)
{
    free(t->text);
    for (int k = 0; k < MEMORY_LINES; k++)
        free(t->line[k].breaks);
    *t = (RememberedText){0};
}

void text_wrap_memory_destroy(TextWrapMemory *memory)
{
    if (!memory)
        return;
    for (int k = 0; k < MEMORY_TEXTS; k++)
        forget_text(&memory->text[k]);
    if (memory->words)
        ubrk_close(memory->words);
    free(memory);
}

/* What memory holds of text, a new place for it if nothing, or NULL when
 * there is no memory or no room for a copy of the text. */
static RememberedText *remembered(TextWrapMemory *memory, const char *text)
{
    if (!memory)
        return NULL;
    for (int k = 0; k < MEMORY_TEXTS; k++)
        if (memory->text[k].text && strcmp(memory->text[k].text, text) == 0)
            return &memory->text[k];
    RememberedText *t = &memory->text[memory->next];
    memory->next = (memory->next + 1) % MEMORY_TEXTS;
    forget_text(t);
    size_t size = strlen(text) + 1;
    t->text = malloc(size);
    if (!t->text)
        return NULL;
    memcpy(t->text, text, size);
    return t;
}

typedef struct Wrapper {
    const unsigned char *text;
    TextWrapMemory *memory; /* NULL: none */
    UBreakIterator *words;  /* words_of's; the memory's where there is one */
    double max_width;
    TextWidthFn width;
    void *context;
    RememberedText *remembered; /* the text's breaks found before, or NULL */
    char line[1024];
    bool cut_word;  /* a line cut a word wider than the line */
    bool cut_formula; /* a line ended inside a formula's brackets (end_line) */
    int cost;       /* what the line ends cost (break_cost), summed */
} Wrapper;

/* The width of text[start..end), or more than the line allows when it
 * cannot be measured whole. */
static double width_of(Wrapper *w, size_t start, size_t end)
{
    if (end - start >= sizeof w->line)
        return 2 * w->max_width + 1;
    copy_without_joiners(w->line, (const char *)w->text + start, end - start);
    return w->width(w->context, w->line);
}

static bool fits(Wrapper *w, size_t start, size_t end)
{
    return width_of(w, start, end) <= w->max_width;
}

/* Whether text[from..stop) is one Latin word (a paragraph's last), which
 * a line rather not hold alone where that costs no line. */
static bool last_word_alone(const unsigned char *t, size_t from, size_t stop)
{
    size_t to = from;
    while (to < stop && t[to] != ' ' && t[to] < 0x80)
        to++;
    return to == stop && is_latin_letter(t[from]);
}

/* The breaks between start and the paragraph's end stop, at most max of
 * them; returns how many. */
static int find_breaks(const unsigned char *t, size_t start, size_t stop, Break *breaks, int max)
{
    int count = 0, depth = 0;
    size_t i = start;
    uint32_t previous = 0;
    while (i < stop && count < max) {
        int len = 0;
        uint32_t cp = utf8_next(t + i, &len);
        if (i > start) {
            bool cjk_edge = is_cjk(cp) || is_cjk(previous);
            if (cp == WORD_JOINER || previous == WORD_JOINER) {
                /* No break on either side of a word joiner. */
            } else if (cp == ' ' && previous != ' ') {
                int next_len = 0;
                uint32_t next = i + 1 < stop ? utf8_next(t + i + 1, &next_len) : 0;
                bool formula = is_operator(previous) || is_operator(next) ||
                               lone_minus(t, start, stop, i - 1) ||
                               lone_minus(t, start, stop, i + 1) ||
                               (previous == ',' && inside_tuple(t, start, i, stop));
                /* "10 %" reads as one number (the Kramers verdict broke
                 * "在 10 / % 以内"): bindings. */
                int strength = 0;
                BreakKind held_by = bound(t, start, i, stop, &strength);
                if (held_by == BREAK_WORD && !formula && !joins_factors(t, start, i, stop))
                    strength = binds_to_cjk(t, start, i, stop, previous, next);
                /* A last line of one Latin word is an orphan: learning_rate's
                 * legend left "degrees" alone at 960x540. */
                if (held_by == BREAK_WORD && strength == 0 && last_word_alone(t, i + 1, stop))
                    strength = 1;
                BreakKind kind = held_by != BREAK_WORD ? held_by
                                 : formula              ? BREAK_FORMULA
                                 : joins_factors(t, start, i, stop) ? BREAK_FACTOR
                                 : strength > 0         ? BREAK_COUNTED
                                                        : BREAK_WORD;
                breaks[count++] =
                    (Break){i, kind, true, previous, next, false, strength, depth > 0};
            }
            else if (cp != ' ' && previous != ' ' && cjk_edge && !no_break_before(cp) &&
                     !no_break_after(previous) && !is_operator(cp) && !is_operator(previous) &&
                     !in_product(t, start, i, stop) && !in_formula_name(t, start, i, stop)) {
                /* An operator with no space joins what is either side of
                 * it: 步幅/梯度 (recorded as 步幅/ | 梯度); so does a
                 * product's dot (in_product). */
                bool word = no_break_before(previous) || no_break_after(cp) ||
                            is_cjk(cp) != is_cjk(previous);
                int strength = 0;
                BreakKind kind = word ? bound(t, start, i, stop, &strength) : BREAK_INSIDE;
                breaks[count++] = (Break){i, kind, word, previous, cp, false, strength, depth > 0};
            }
        }
        depth += opens(cp) ? 1 : closes(cp) ? -1 : 0;
        previous = cp;
        i += (size_t)len;
    }
    Span spans[MAX_SPANS];
    int span_count = group_spans(t, start, stop, spans, MAX_SPANS);
    for (int b = 0; b < count; b++)
        for (int s = 0; s < span_count; s++) {
            if (spans[s].from < breaks[b].at && breaks[b].at < spans[s].to) {
                breaks[b].grouped = true;
                break;
            }
            /* A short bracket right after a word annotates it: "列（x1
             * 固定）" broke as "列 / （x1 固定）" (session 26's review). */
            if (breaks[b].at == spans[s].from && breaks[b].kind == BREAK_WORD &&
                !no_break_before(breaks[b].before))
                breaks[b].strength = 2;
        }
    return count;
}

/* The breaks of the line from start (before the paragraph's end stop), as
 * find_breaks finds them: *breaks points to them in w's memory where it
 * holds them, else in scratch (one a byte of the line); returns how many.  A
 * break told there (break_kind) stays told: its kind, too, depends on the
 * text alone. */
static int line_breaks(Wrapper *w, size_t start, size_t stop, Break *scratch, Break **breaks)
{
    RememberedText *t = w->remembered;
    if (t)
        for (int k = 0; k < MEMORY_LINES; k++)
            if (t->line[k].breaks && t->line[k].start == start && t->line[k].stop == stop) {
                *breaks = t->line[k].breaks;
                return t->line[k].count;
            }
    int count = find_breaks(w->text, start, stop, scratch, (int)(stop - start));
    *breaks = scratch;
    if (!t || count == 0)
        return count;
    RememberedLine *line = &t->line[t->next];
    free(line->breaks);
    *line = (RememberedLine){start, stop, count, malloc((size_t)count * sizeof(Break))};
    if (!line->breaks)
        return count;
    t->next = (t->next + 1) % MEMORY_LINES;
    memcpy(line->breaks, scratch, (size_t)count * sizeof(Break));
    *breaks = line->breaks;
    return count;
}

/* ICU's dictionary word break iterator for Chinese, opened once a memory
 * (about 25 ms the first time in a process, its dictionary loaded; then
 * microseconds), or NULL where ICU cannot open one. */
static UBreakIterator *words_of(Wrapper *w)
{
    if (w->words)
        return w->words;
    UErrorCode status = U_ZERO_ERROR;
    w->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status))
        w->words = NULL;
    if (w->memory)
        w->memory->words = w->words;
    return w->words;
}

/* Characters of a CJK run around a break that the word iterator reads:
 * a phrase's words, more than a line holds. */
#define RUN_REACH 48

/* Whether a break at byte pos, between two CJK characters of the line
 * [start, stop), falls inside a Chinese word ("摆/动", "周/围", "最/后" were
 * recorded): ICU's dictionary word break iterator reads the run of CJK
 * characters around it.  Chinese may break between any two characters
 * (UAX #14), but a typesetter keeps a word whole. */
static bool splits_word(Wrapper *w, size_t start, size_t pos, size_t stop)
{
    const unsigned char *t = w->text;
    size_t from = pos, to = pos, at = pos;
    for (int n = 0; n < RUN_REACH && from > start && is_cjk(char_before(t, start, from, &at)); n++)
        from = at;
    for (int n = 0; n < RUN_REACH && to < stop; n++) {
        int len = 0;
        if (!is_cjk(utf8_next(t + to, &len)))
            break;
        to += (size_t)len;
    }
    UBreakIterator *words = words_of(w);
    UChar run[4 * RUN_REACH];
    int32_t before = 0, length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(run, 4 * RUN_REACH, &before, (const char *)t + from, (int32_t)(pos - from),
                  &status);
    u_strFromUTF8(run, 4 * RUN_REACH, &length, (const char *)t + from, (int32_t)(to - from),
                  &status);
    if (!words || U_FAILURE(status))
        return false;
    ubrk_setText(words, run, length, &status);
    return U_SUCCESS(status) && !ubrk_isBoundary(words, before);
}

/* Whether one character and the mark that ends its clause follow byte pos
 * ("的。"): it ends the word before it, as trained_not_derived's "走出来 /
 * 的。" did not. */
static bool lone_before_mark(const unsigned char *t, size_t pos)
{
    int len = 0, mark_len = 0;
    utf8_next(t + pos, &len);
    uint32_t mark = utf8_next(t + pos + len, &mark_len);
    return is_one_of("。，、；：！？", mark);
}

/* Whether a break at byte pos of the line [start, stop) leaves one
 * character alone on a line of its own, the line's first or the
 * paragraph's last: learning_rate 6's note at 1280x720 --projector broke
 * "从第 38 步 / 起". */
static bool leaves_one_alone(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    int len = 0;
    size_t at = pos;
    utf8_next(t + pos, &len);
    return pos + (size_t)len == stop || (char_before(t, start, pos, &at) && at == start);
}

/* A clause of at most this many characters (spaces not counted) between
 * two of its marks reads as one phrase: "沿 y 方向向下弯" (saddle 1 broke
 * "沿 y 方向 / 向下弯" after "，"). */
#define CLAUSE_CHARS 8

static bool ends_clause(uint32_t cp)
{
    return is_one_of("。，、；：！？", cp);
}

/* Whether byte pos of the paragraph [start, stop) lies inside a clause of
 * at most CLAUSE_CHARS characters. */
static bool in_short_clause(const unsigned char *t, size_t start, size_t pos, size_t stop)
{
    int chars = 0;
    size_t at = pos, i = pos;
    uint32_t cp = 0;
    while (chars <= CLAUSE_CHARS && i > start && !ends_clause(cp = char_before(t, start, i, &at))) {
        chars += cp != ' ';
        i = at;
    }
    for (i = pos; chars <= CLAUSE_CHARS && i < stop;) {
        int len = 0;
        cp = utf8_next(t + i, &len);
        if (ends_clause(cp))
            break;
        chars += cp != ' ';
        i += (size_t)len;
    }
    return chars <= CLAUSE_CHARS;
}

/* Whether b (between two CJK characters of the line [start, stop)) parts
 * what a Chinese reader reads as one word, beyond ICU's words: a term of
 * the lessons (terms), a leading character or modifier and the word after
 * it, a particle, a trailing character or a complement and the word
 * before it, 在 and the word before it that it completes ("藏 / 在",
 * saddle 5; "只差在 / 小批量上") or, beginning a clause, the word after it
 * ("。在 / 屏幕外", batch_and_flatness 2), 上 and the time it counts back
 * ("上 / 一次", learning_rate 7), 方向 ("direction") and the word it is the
 * direction of (沿虚线 / 方向, 下坡 / 方向; not after 的: 它的 / 方向), 为
 * and the value it gives ("周期 / 为 2", "协方差 / 为 σ²H/B": like "=", it
 * begins no line), or 得多 ("much more") and the word it compares ("走得远
 * / 得多"). */
static bool splits_phrase(Wrapper *w, size_t start, size_t stop, const Break *b)
{
    const unsigned char *t = w->text, *next = t + b->at;
    if (splits_term(t, b->at) || is_one_of(leading_chars, b->before))
        return true;
    /* A modifier that begins a word (no word split before it) is one of
     * its own; a trailing character that ends one (none after it) too. */
    if (is_one_of(modifiers, b->before) && b->at >= start + 3 &&
        !splits_word(w, start, b->at - 3, stop))
        return true;
    if ((is_one_of(trailing_chars, b->after) && !splits_word(w, start, b->at + 3, stop)) ||
        word_is_particle(next))
        return true;
    for (size_t k = 0; k < sizeof complements / sizeof complements[0]; k++)
        if (begins_with(next, complements[k]))
            return true;
    if (b->after == 0x5728 /* 在 */)
        return true;
    if (b->before == 0x5728 /* 在 */) {
        size_t at = 0;
        uint32_t c = char_before(t, start, b->at - 3, &at);
        if (c == 0 || c == ' ' || ends_clause(c))
            return true;
    }
    int len = 0;
    if (b->before == 0x4E0A /* 上 */ && is_counter(b->after) &&
        is_measure_word(utf8_next(next + 3, &len)))
        return true;
    if (begins_with(next, "方向") && b->before != 0x7684 /* 的 */)
        return true;
    return begins_with(next, "为 ") || begins_with(next, "得多");
}

/* What a break at b (between two CJK characters, no word split) costs
 * where it parts 的 from the noun after it: a line rather not end there
 * ("相同的 / 距离"). */
static int leaning_cost(const Break *b)
{
    return b->before == 0x7684 /* 的 */ ? 1 : 0;
}

/* The kind of break b of the line [start, stop), told between two CJK
 * characters where it was not yet: a plain one (BREAK_INSIDE) costs a
 * little where it parts a count softly held, a short clause or a
 * character from the word it leans on. */
static BreakKind break_kind(Wrapper *w, size_t start, size_t stop, Break *b)
{
    const unsigned char *t = w->text;
    if (!b->told) {
        if (splits_phrase(w, start, stop, b))
            b->kind = BREAK_TERM;
        else if (splits_count(t, start, b->at, b->after))
            b->kind = BREAK_COUNT;
        else if (lone_before_mark(t, b->at) || leaves_one_alone(t, start, b->at, stop))
            b->kind = BREAK_TERM;
        else if (splits_word(w, start, b->at, stop) && !term_begins(t, b->at))
            b->kind = BREAK_TERM;
        else {
            int count = splits_count_softly(t, start, b->at, b->after) ? 2
                        : in_short_clause(t, start, b->at, stop)       ? 1
                                                                       : 0;
            int leaning = leaning_cost(b);
            b->strength = count > leaning ? count : leaning;
        }
        b->told = true;
    }
    return b->kind;
}

/* Whether a line ends at b only when no plain break fits: inside a
 * formula, a counted word or (while groups are kept) a group. */
static bool held(const Break *b, bool groups)
{
    return b->kind == BREAK_FORMULA || b->kind == BREAK_COUNTED || b->kind == BREAK_FACTOR ||
           b->kind == BREAK_BOUND || (groups && b->grouped);
}

/* The latest break of the given kind after first and up to last, or -1. */
static int latest_of(const Break *breaks, int first, int last, BreakKind kind, bool groups)
{
    for (int k = last; k > first; k--)
        if (breaks[k].kind == kind && !(groups && breaks[k].grouped))
            return k;
    return -1;
}

/* The latest break that parts a word from a number after first and up to
 * last, or -1: a Chinese word leaves the number after it before a number
 * leaves what it counts ("的 / 12% 以内", not "的 12% / 以内"). */
static int latest_counted(const Break *breaks, int first, int last, bool groups)
{
    for (int k = last; k > first; k--)
        if (breaks[k].kind == BREAK_COUNTED && !(groups && breaks[k].grouped) &&
            is_cjk(breaks[k].before))
            return k;
    return latest_of(breaks, first, last, BREAK_COUNTED, groups);
}

/* The latest of the formula breaks after first and up to last that lies
 * in the fewest brackets (counted from start: a line that begins inside
 * one counts less), or -1: a formula wider than the line breaks at its
 * outermost operators, "G(c, w) = / exp(-|θ - c|^2/(2w^2))" rather than
 * "exp(-|θ - / c|^2", where that line is FORMULA_FILL full or the rest
 * fits on the next (a short line then costs no line). */
static int outermost_formula(Wrapper *w, size_t start, size_t stop, const Break *breaks,
                             int first, int last, bool groups)
{
    int best = -1, best_depth = 0, depth = 0;
    size_t i = start;
    for (int k = first + 1; k <= last; k++) {
        while (i < breaks[k].at) {
            int len = 0;
            uint32_t cp = utf8_next(w->text + i, &len);
            depth += opens(cp) ? 1 : closes(cp) ? -1 : 0;
            i += (size_t)len;
        }
        if (breaks[k].kind != BREAK_FORMULA || (groups && breaks[k].grouped))
            continue;
        if (best < 0 || depth <= best_depth) {
            best = k;
            best_depth = depth;
        }
    }
    if (best < 0)
        return -1;
    size_t rest = breaks[best].at;
    while (rest < stop && w->text[rest] == ' ')
        rest++;
    return width_of(w, start, breaks[best].at) >= FORMULA_FILL * w->max_width ||
                   fits(w, rest, stop)
               ? best
               : -1;
}

/* Formula break k of the breaks after first, or the one before it where k
 * follows a lone minus and the minus and its term ("- flat_depth G(flat)",
 * up to the next operator or comma outside its brackets) fit a line: a
 * minus ending a line reads as a hyphen (sharp_flat's legend broke
 * "G(sharp) - / flat_depth", review, issue 12).  Where they do not fit (at
 * 20 units, "- sharp_depth G(sharp)"), the minus ends the line rather than
 * the named factor. */
static int before_minus(Wrapper *w, size_t start, size_t stop, const Break *breaks, int first,
                        int k)
{
    const unsigned char *t = w->text;
    if (k <= first + 1 || !lone_minus(t, start, stop, breaks[k].at - 1) ||
        breaks[k - 1].at + 2 != breaks[k].at)
        return k;
    size_t end = breaks[k].at;
    while (end < stop && t[end] == ' ')
        end++;
    for (int depth = 0; end < stop; end++) {
        depth += opens(t[end]) ? 1 : closes(t[end]) ? -1 : 0;
        int len = 0;
        if (depth <= 0 && t[end] == ' ' &&
            (t[end - 1] == ',' || is_operator(utf8_next(t + end + 1, &len)) ||
             lone_minus(t, start, stop, end + 1)))
            break;
    }
    return fits(w, breaks[k].at - 1, end) ? k - 1 : k;
}

/* Of the breaks [0, last] of the line from start, all of which fit, the
 * one the line ends at: the index. */
static int preferred_end(Wrapper *w, size_t start, size_t stop, Break *breaks, int last)
{
    /* A formula, a tuple, a group or a counted word stays whole unless it
     * alone is wider than the line; then a number leaves its word before a
     * formula or a factor is split, and what the bindings keep whole last;
     * a term is split after the breaks a few back (below: 初始化种子 1 到 10
     * is 初始化 / 种子 1 到 10 or 种子 / 1 到 10, never 种 / 子 1 到).  A group is
     * split only when the line holds nothing else, and then by the same
     * rules. */
    int plain = last, best;
    bool groups = false;
    for (int k = 0; k <= last && !groups; k++)
        groups = !breaks[k].grouped;
    while (plain >= 0 && held(&breaks[plain], groups))
        plain--;
    best = plain;
    if (plain < 0) {
        int counted = latest_counted(breaks, plain, last, groups);
        int formula = outermost_formula(w, start, stop, breaks, plain, last, groups);
        if (formula < 0)
            formula = latest_of(breaks, plain, last, BREAK_FORMULA, groups);
        if (formula >= 0)
            formula = before_minus(w, start, stop, breaks, plain, formula);
        int factor = latest_of(breaks, plain, last, BREAK_FACTOR, groups);
        int bound_break = latest_of(breaks, plain, last, BREAK_BOUND, groups);
        best = counted >= 0 ? counted
               : formula >= 0 ? formula
               : factor >= 0 ? factor
               : bound_break >= 0 ? bound_break
                             : last;
    }
    if (breaks[best].kind != BREAK_INSIDE && breaks[best].kind != BREAK_COUNT &&
        breaks[best].kind != BREAK_TERM)
        return best;
    int word = -1;
    for (int k = best - 1; k >= 0 && word < 0; k--)
        if (breaks[k].kind == BREAK_WORD && !(groups && breaks[k].grouped)) {
            if (width_of(w, start, breaks[k].at) >= WORD_BREAK_FILL * w->max_width)
                return k;
            word = k;
        }
    /* A few breaks back, the latest plain one; else a short line at a
     * word's end ("网络，/ 初始化种子", not "网络，初始 / 化种子"; "SGD，/ 200
     * 个粒子", not "200 个 / 粒子"; "73%，/ 测试 57%", not "测 / 试 57%" nor
     * "测试 / 57%"); else the latest that parts a number from a Chinese word
     * ("952 / 这条线"), up to the last break that fits where the line would
     * split a term (种子 / 1 到 10); else one that splits a counted phrase
     * rather than a term; else one that parts a number from what it counts
     * ("0.5 / 之间", not "0.5 之 / 间"). */
    static const BreakKind preferred[] = {BREAK_INSIDE, BREAK_WORD, BREAK_COUNTED, BREAK_COUNT,
                                          BREAK_BOUND};
    int back = best - TERM_STEPS_BACK > -1 ? best - TERM_STEPS_BACK : -1;
    int counted = latest_counted(breaks, back, best, groups);
    if (counted < 0 && break_kind(w, start, stop, &breaks[best]) == BREAK_TERM)
        counted = latest_counted(breaks, best, last, groups);
    for (size_t p = 0; p < sizeof preferred / sizeof preferred[0]; p++) {
        if (preferred[p] == BREAK_WORD && word >= 0)
            return word;
        if (preferred[p] == BREAK_COUNTED && counted >= 0)
            return counted;
        for (int k = best; k >= 0 && k > best - TERM_STEPS_BACK; k--)
            if (!(groups && breaks[k].grouped) &&
                break_kind(w, start, stop, &breaks[k]) == preferred[p])
                return k;
    }
    return best;
}

/* A paragraph's breaks (its text [start, stop), spaces at its end left
 * out) and the lines laid over them.  Node n is where a line may begin:
 * node 0 the paragraph's start, node n > 0 after break n - 1 and its
 * spaces.  Line i of the fewest begins at a node of [earliest[i],
 * latest[i]]: its reach. */
typedef struct Paragraph {
    size_t start, stop;
    Break *breaks;
    int count;
    int *latest, *earliest;
    int *last;   /* the last break a line from node n reaches; UNKNOWN: not measured yet */
    int *offset; /* where line i's reach begins in cost */
    int *cost;   /* what the cheapest lines from a node of line i's reach cost; -1: none */
} Paragraph;

#define UNKNOWN (-2)

static size_t node_start(const Wrapper *w, const Paragraph *p, int n)
{
    if (n == 0)
        return p->start;
    size_t s = p->breaks[n - 1].at;
    while (s < p->stop && w->text[s] == ' ')
        s++;
    return s;
}

/* The last of the breaks [first, count) that a line from byte s reaches,
 * or first - 1: widths grow with the line, so a gallop from hint (a break
 * it reaches, or first) then a binary search, a few measurements of lines
 * about a line long. */
static int last_fit(Wrapper *w, const Paragraph *p, size_t s, int first, int hint)
{
    if (hint <= first || hint >= p->count || !fits(w, s, p->breaks[hint].at))
        hint = first;
    if (hint == first && (first >= p->count || !fits(w, s, p->breaks[first].at)))
        return first - 1;
    int lo = hint, hi = hint + 1, step = 1;
    while (hi < p->count && fits(w, s, p->breaks[hi].at)) {
        lo = hi;
        step *= 2;
        hi = lo + step;
    }
    if (hi > p->count)
        hi = p->count;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (fits(w, s, p->breaks[mid].at))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* last_fit from node n: a line from a later node reaches at least as far
 * as one from an earlier (n - 1's, where known, is the hint). */
static int last_from(Wrapper *w, Paragraph *p, int n)
{
    if (p->last[n] == UNKNOWN)
        p->last[n] = last_fit(w, p, node_start(w, p, n), n, n > 0 ? p->last[n - 1] : 0);
    return p->last[n];
}

/* Whether a line ending at b parts a formula inside its brackets. */
static bool parts_brackets(const Break *b)
{
    return b->nested && (b->kind == BREAK_FORMULA || b->kind == BREAK_FACTOR);
}

/* What ending a line at break b costs the paragraph: a binding broken
 * (BREAK_COUNTED), the stronger the more; where a line must split what
 * reads as one word (a formula wider than the line), a counted phrase
 * before a formula, a factor, a binding, a term or a group.  The lines
 * come as few as the width allows, then as cheap. */
static int break_cost(const Break *b)
{
    static const int costs[] = {
        [BREAK_WORD] = 0,     [BREAK_INSIDE] = 0,  [BREAK_COUNTED] = 0, [BREAK_COUNT] = 4,
        [BREAK_FORMULA] = 5,  [BREAK_FACTOR] = 6,  [BREAK_BOUND] = 8,   [BREAK_TERM] = 10,
    };
    /* A formula broken inside its brackets rather than at its outermost
     * operators (end_line). */
    enum { GROUP_COST = 10, NESTED_COST = 2 };
    return costs[b->kind] + b->strength + (b->grouped ? GROUP_COST : 0) +
           (parts_brackets(b) ? NESTED_COST : 0);
}

/* A line ends at b: what that costs, and whether it parts a formula
 * inside its brackets ("exp(-t_i / (x x1_i": implicit_regularization 4's
 * legend), which a panel that can take another width should, as it
 * should a cut word: a formula breaks at its outermost operators. */
static size_t end_line(Wrapper *w, const Break *b)
{
    w->cost += break_cost(b);
    w->cut_formula = w->cut_formula || parts_brackets(b);
    return b->at;
}

/* A word wider than the line from start: cut where it overflows, after at
 * least one character. */
static size_t cut_end(Wrapper *w, size_t start, size_t stop)
{
    int len = 0;
    utf8_next(w->text + start, &len);
    size_t end = start + (size_t)len;
    while (end < stop) {
        utf8_next(w->text + end, &len);
        if (!fits(w, start, end + (size_t)len))
            break;
        end += (size_t)len;
    }
    w->cut_word = w->cut_word || end < stop;
    return end;
}

/* Where the line from start ends in a paragraph with a word wider than a
 * line: each line as its preferences fill it, in turn. */
static size_t greedy_end(Wrapper *w, const Paragraph *p, size_t start)
{
    if (fits(w, start, p->stop))
        return p->stop;
    int first = 0;
    while (first < p->count && p->breaks[first].at <= start)
        first++;
    int last = last_fit(w, p, start, first, first);
    if (last < first)
        return cut_end(w, start, p->stop);
    return end_line(w, &p->breaks[first + preferred_end(w, start, p->stop, p->breaks + first,
                                                         last - first)]);
}

/* paragraph_ends for a paragraph with a word wider than a line. */
static int greedy_ends(Wrapper *w, const Paragraph *p, size_t *ends, int max)
{
    int count = 0;
    for (size_t s = p->start; count < max && s < p->stop;) {
        ends[count] = greedy_end(w, p, s);
        s = ends[count++];
        while (s < p->stop && w->text[s] == ' ')
            s++;
    }
    return count;
}

/* How many lines the paragraph takes at the fewest, each line's latest
 * start filled in (each as full as it goes), or -1 where a word is wider
 * than a line. */
static int fewest_lines(Wrapper *w, Paragraph *p)
{
    int lines = 0;
    for (int n = 0;;) {
        p->latest[lines++] = n;
        size_t s = node_start(w, p, n);
        int last = last_from(w, p, n);
        if (last < n)
            return fits(w, s, p->stop) ? lines : -1;
        if (last == p->count - 1 && fits(w, s, p->stop))
            return lines;
        n = last + 1;
    }
}

/* Each line's earliest start: the last line holding as much of the end as
 * it can, the one before it as much of the rest, and so back. */
static void earliest_starts(Wrapper *w, Paragraph *p, int lines)
{
    size_t end = p->stop;
    int end_break = p->count; /* count: the paragraph's end */
    p->earliest[0] = 0;
    for (int i = lines - 1; i > 0; i--) {
        /* A gallop back from the latest start (which reaches), then a
         * binary search between the last that does and the first that
         * does not. */
        int hi = p->latest[i] < end_break ? p->latest[i] : end_break, lo = i;
        for (int step = 1; hi > i; step *= 2) {
            int probe = hi - step > i ? hi - step : i;
            if (!fits(w, node_start(w, p, probe), end)) {
                lo = probe + 1;
                break;
            }
            hi = probe;
        }
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (fits(w, node_start(w, p, mid), end))
                hi = mid;
            else
                lo = mid + 1;
        }
        p->earliest[i] = lo;
        end_break = lo - 1;
        end = p->breaks[end_break].at;
    }
}

static int *cost_at(const Paragraph *p, int line, int n)
{
    return &p->cost[p->offset[line] + n - p->earliest[line]];
}

/* The breaks [from, to] a line i from node n may end at: line i + 1 then
 * begins in its reach. */
static void line_reach(Wrapper *w, Paragraph *p, int i, int n, int *from, int *to)
{
    int last = last_from(w, p, n);
    *from = p->earliest[i + 1] - 1 > n ? p->earliest[i + 1] - 1 : n;
    *to = p->latest[i + 1] - 1 < last ? p->latest[i + 1] - 1 : last;
}

/* What the cheapest lines from each node of each line's reach cost, from
 * the last line back. */
static void cost_lines(Wrapper *w, Paragraph *p, int lines)
{
    for (int i = lines - 1; i >= 0; i--)
        for (int n = p->earliest[i]; n <= p->latest[i]; n++) {
            int *cost = cost_at(p, i, n);
            *cost = -1;
            if (i == lines - 1) {
                if (fits(w, node_start(w, p, n), p->stop))
                    *cost = 0;
                continue;
            }
            int from, to;
            line_reach(w, p, i, n, &from, &to);
            for (int e = from; e <= to; e++) {
                int after = *cost_at(p, i + 1, e + 1);
                if (after >= 0 && (*cost < 0 || break_cost(&p->breaks[e]) + after < *cost))
                    *cost = break_cost(&p->breaks[e]) + after;
            }
        }
}

/* Writes the byte each line of the paragraph ends at into ends (at most
 * max) and returns how many lines: the fewest, then the cheapest breaks
 * (break_cost), then, of those, the breaks each line prefers
 * (preferred_end: the fullest lines, a Chinese line ending at a comma);
 * -1 where a word is wider than a line. */
static int paragraph_ends(Wrapper *w, Paragraph *p, size_t *ends, int max)
{
    size_t size = (size_t)p->count + 2;
    int *ints = malloc(5 * size * sizeof(int));
    Break *allowed = malloc(size * sizeof(Break));
    int count = 0, lines = -1;
    p->cost = NULL;
    if (ints && allowed) {
        p->latest = ints;
        p->earliest = ints + size;
        p->last = ints + 2 * size;
        p->offset = ints + 3 * size;
        for (size_t n = 0; n < size; n++)
            p->last[n] = UNKNOWN;
        lines = fewest_lines(w, p);
    }
    if (lines > 0) {
        earliest_starts(w, p, lines);
        size_t cells = 0;
        for (int i = 0; i < lines; i++) {
            p->offset[i] = (int)cells;
            cells += (size_t)(p->latest[i] - p->earliest[i] + 1);
        }
        p->cost = malloc(cells * sizeof(int));
        if (p->cost)
            cost_lines(w, p, lines);
        if (!p->cost || *cost_at(p, 0, 0) < 0) /* widths that do not grow with a line */
            lines = -1;
    }
    if (lines < 0) {
        free(p->cost);
        free(ints);
        free(allowed);
        return -1;
    }
    int *map = ints + 4 * size;
    for (int n = 0; count < max && count < lines - 1; count++) {
        int from, to, m = 0;
        line_reach(w, p, count, n, &from, &to);
        for (int e = from; e <= to; e++) {
            int after = *cost_at(p, count + 1, e + 1);
            if (after >= 0 && break_cost(&p->breaks[e]) + after == *cost_at(p, count, n)) {
                map[m] = e;
                allowed[m++] = p->breaks[e];
            }
        }
        n = map[preferred_end(w, node_start(w, p, n), p->stop, allowed, m - 1)] + 1;
        ends[count] = end_line(w, &p->breaks[n - 1]);
    }
    if (count < max)
        ends[count++] = p->stop;
    free(p->cost);
    free(ints);
    free(allowed);
    return count;
}

/* The lines of w's text into lines (see text_wrap), returning how many. */
static int wrap_lines(Wrapper *w, char *lines, size_t line_size, int max_lines)
{
    size_t *ends = malloc(2 * (size_t)max_lines * sizeof(size_t)), *fewer = ends + max_lines;
    if (!ends)
        return 0;
    int count = 0;
    for (size_t start = 0; count < max_lines;) {
        size_t end = start;
        while (w->text[end] && w->text[end] != '\n')
            end++;
        Paragraph p = {.start = start, .stop = end};
        while (p.stop > start && w->text[p.stop - 1] == ' ')
            p.stop--;
        int n = 1;
        ends[0] = p.stop;
        if (!fits(w, start, p.stop)) {
            Break *scratch = malloc(2 * (p.stop - start) * sizeof(Break));
            Break *all = NULL;
            int count_all = scratch ? line_breaks(w, start, p.stop, scratch, &all) : 0;
            /* The lines are the fewest that keep whole what reads as one
             * word (a term, a counted phrase, a formula, a group, what
             * the bindings keep whole): of the breaks, those a line may
             * end at where something else fits (WORD, INSIDE) or at no
             * cost of a line (COUNTED). */
            p.breaks = scratch + (p.stop - start);
            for (int k = 0; k < count_all; k++) {
                BreakKind kind = break_kind(w, start, p.stop, &all[k]);
                if ((kind == BREAK_WORD || kind == BREAK_INSIDE || kind == BREAK_COUNTED) &&
                    !all[k].grouped)
                    p.breaks[p.count++] = all[k];
            }
            n = scratch ? paragraph_ends(w, &p, ends, max_lines - count) : -1;
            if (n < 0) {
                /* Else each line as full as its preferences allow, or, in a
                 * formula wider than the line (no break but inside what
                 * reads as one word) where that takes more lines than
                 * there need be (implicit_regularization 4's legend took
                 * three), the fewest lines, the cheapest. */
                bool formula = p.count == 0;
                p.breaks = all;
                p.count = count_all;
                int cost = w->cost;
                bool cut_formula = w->cut_formula;
                n = greedy_ends(w, &p, ends, max_lines - count);
                int greedy_cost = w->cost;
                bool greedy_cut = w->cut_formula;
                w->cost = cost;
                w->cut_formula = cut_formula;
                int fewest = formula && n < max_lines - count && !w->cut_word
                                 ? paragraph_ends(w, &p, fewer, max_lines - count)
                                 : -1;
                if (fewest > 0 && fewest < n) {
                    n = fewest;
                    memcpy(ends, fewer, (size_t)n * sizeof *ends);
                } else {
                    w->cost = greedy_cost;
                    w->cut_formula = greedy_cut;
                }
            }
            free(scratch);
        }
        for (int k = 0; k < n; k++) {
            size_t size = ends[k] - start < line_size ? ends[k] - start : line_size - 1;
            copy_without_joiners(lines + (size_t)count++ * line_size,
                                 (const char *)w->text + start, size);
            start = ends[k];
            while (start < p.stop && w->text[start] == ' ')
                start++;
        }
        if (!w->text[end])
            break;
        start = end + 1;
    }
    free(ends);
    return count;
}

/* text_wrap, telling whether a line cuts a word and what the line ends
 * cost. */
static int wrap_text(TextWrapMemory *memory, const char *text, double max_width,
                     TextWidthFn width, void *context, char *lines, size_t line_size,
                     int max_lines, bool *cut_word, int *cost)
{
    Wrapper w = {.text = (const unsigned char *)text, .memory = memory,
                  .words = memory ? memory->words : NULL, .max_width = max_width,
                  .width = width, .context = context, .remembered = remembered(memory, text)};
    int count = wrap_lines(&w, lines, line_size, max_lines);
    if (!memory && w.words)
        ubrk_close(w.words);
    *cut_word = w.cut_word || w.cut_formula;
    *cost = w.cost;
    return count;
}

int text_wrap_noting_cuts(TextWrapMemory *memory, const char *text, double max_width,
                          TextWidthFn width, void *context, char *lines, size_t line_size,
                          int max_lines, bool *cut_word)
{
    int cost;
    return wrap_text(memory, text, max_width, width, context, lines, line_size, max_lines,
                     cut_word, &cost);
}

int text_wrap_costing(TextWrapMemory *memory, const char *text, double max_width,
                      TextWidthFn width, void *context, char *lines, size_t line_size,
                      int max_lines, int *cost)
{
    bool cut_word;
    return wrap_text(memory, text, max_width, width, context, lines, line_size, max_lines,
                     &cut_word, cost);
}

int text_wrap(TextWrapMemory *memory, const char *text, double max_width, TextWidthFn width,
              void *context, char *lines, size_t line_size, int max_lines)
{
    bool cut_word;
    return text_wrap_noting_cuts(memory, text, max_width, width, context, lines, line_size,
                                 max_lines, &cut_word);
}
