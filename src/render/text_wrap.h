/*
 * text_wrap.h — breaking a UTF-8 text into lines no wider than a width:
 * at spaces, around CJK characters (which put no spaces between words) and
 * at newlines, following the CJK rule that closing marks (，。、：；！？）」…)
 * never begin a line and opening marks (（「) never end one.  A word longer
 * than a line is cut where it overflows.  Widths come from the caller's
 * measuring function, so the rule does not depend on a font.
 *
 * A paragraph's lines are laid out together (issue 12): the fewest lines
 * whose ends keep whole what reads as one word (a term, a counted phrase,
 * a formula, a group, what the bindings below hold hard), then the fewest
 * and weakest soft bindings broken (a number with the words that count or
 * lead it: "200 examples", "about 25", "GD on 5", "12% 以内"), so that a
 * binding costs no line; then, of those, the break each line prefers by
 * the rules below.  Where such a word is wider than a line, each line
 * takes in turn the break those rules prefer, or, in a formula with no
 * other break, the fewest lines of its breaks, the cheapest.
 *
 * Which break a line takes, of those that fit:
 *   1. a word break (a space, after a CJK punctuation mark, before an
 *      opening mark, or where CJK meets Latin text) when the line up to it
 *      fills at least two thirds of the width: Chinese lines end at a
 *      comma or a full stop rather than inside a phrase;
 *   2. otherwise, stepping back at most six breaks, the last break between
 *      two CJK characters that splits neither a word (ICU's dictionary
 *      word break iterator: 摆动, 周围; and what a reader reads as one word
 *      beyond it, text_wrap.c's splits_phrase and its tables: the lessons'
 *      terms, 鞍点, 学习率, 虚线, ...; a one-character modifier that begins
 *      a word and the word after it, 大学习率, 小批量, 小网络; 之, 最 and 沿
 *      with the word after them, 之间, 最陡, 沿虚线; 方向 with the word it
 *      is the direction of, 虚线方向, 下坡方向, but "它的 / 方向"; 为 with
 *      the name whose value it gives, "周期为 2"; 得多 with the word it
 *      compares; 更, 很, 比, 被, 已, 又, 再, 也 and 第 with the word after
 *      them, 更平坦, 被找到, 又下降, 第一步; 的, 了, 着 and, standing alone,
 *      时, 处, 外, 里 and 上,
 *      and the complements 起来, 出来 and 下来, with the word before them,
 *      屏幕外, 碗边上, 跳了起来; 在 with the word it completes, 藏在, and after a
 *      mark with the word after it, "。在屏幕外"; 上 with the count after
 *      it, 上一次) nor a counted phrase (a numeral or demonstrative with its measure word, a classifier with
 *      its noun: not 一 / 个点, 一个 / 点, 这条 / 线, 200 个 / 样本); else
 *      a word break that leaves a short line; else a space between a
 *      number and a Chinese word ("952 / 这条线"); else one inside a
 *      counted phrase rather than inside a word;
 *   3. otherwise the last break that fits.
 * A space next to an operator (= < > + / − ≈ ≤ ≥ × ± → ←, and a hyphen
 * standing alone between spaces: "θ - c") or before a per cent sign
 * ("10 %"), after the comma of
 * a pair in brackets, "(0.6, 1.2)", between a Chinese character and a
 * number or a one-letter name ("第 20 步", "25 倍", "第 k 步", "不到 7%",
 * "约 η"), after a Latin word before Chinese ("GD 的权重"), or where
 * text_wrap.c's bindings keep a quantity with its words (a number with its
 * unit or the Chinese word after it, "20 个点", "12% 以内"; a range, "0 to
 * 2"; a short word before a number that ends a clause, counts or begins a
 * range, "on 5:", "about 25 times", a legend's "train 73%"; 的 or 了 and
 * the number or name before it, "|θ| 的", 第 and its number, "第 20 步",
 * 时 and the formula whose clause it closes, "≈ 0.18 时", a closing
 * bracket and the locative after it, "）中", as a number and its unit; two
 * spaces part a legend's columns) is not a break
 * while another fits: a formula ("η = 0.18"), a pair or a counted word stays
 * on one line unless it alone is wider than the line.  Numbers hold no
 * breaks at all, nor does an operator between two words ("步幅/梯度").
 * A space between a formula's factors ("cos(a) x", "0.5 (l1", "(1/N) Σ
 * log(") is taken after one next to an operator: a formula breaks at its
 * operators, the outermost of them that fit (in the fewest brackets: "G(c,
 * w) = / exp(-|θ - c|^2", not "exp(-|θ - / c|^2") where that line is a
 * third full or what follows fits on the next; a Chinese name between two
 * operators ("= 基准 -") is one of its factors, as a product ("尖谷深度·G(")
 * is.
 * Groups read as one word are split only when the line holds no other
 * break, and then by these same rules: a bracket of at most 16 characters
 * ("（路径 2）", "(l1 u^2 + l2 v^2)"), the last three characters of a
 * longer one with its closing bracket, a range of numbers ("59% 到 82%").
 * A paragraph's last line holds no Latin word alone ("angle in / degrees")
 * where another break gives as few lines.
 * A caller that wants balanced lines narrows the width while the line count
 * stays the same (hud.c does for the caption).
 *
 * A paragraph costs a few measurements a line start that the fewest lines
 * can use (a gallop over its breaks), not one per character.  Finding a line's breaks and what each parts costs
 * more than measuring it; a TextWrapMemory keeps them for the next wrap of
 * the same text at another width.
 */
#ifndef DESCENT_RENDER_TEXT_WRAP_H
#define DESCENT_RENDER_TEXT_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* The width of utf8 as drawn. */
typedef double (*TextWidthFn)(void *context, const char *utf8);

/* The breaks text_wrap found in a few texts lately (16), at a few line
 * starts each (32), the oldest replaced first: a layout wraps a text at
 * many widths (hud.c balances a caption's lines by trying a dozen), and
 * each wrap would find the breaks of the same line starts again.  Breaks
 * depend on a text's bytes alone, not on the width, the font or its size,
 * so nothing need clear it; it changes no line (test_text_wrap's
 * remembering_changes_no_line).  Its owner creates and destroys it (the
 * Renderer: one a renderer, used from the thread that draws); it holds
 * copies of the texts and at most 512 breaks a line start (8 MB at most,
 * a caption's line a few kilobytes), and the Chinese word break iterator
 * (ICU's) that tells where a word ends, opened on first use: without a
 * memory each wrap opens one. */
typedef struct TextWrapMemory TextWrapMemory;

/* A memory holding nothing, or NULL without memory for it. */
TextWrapMemory *text_wrap_memory_create(void);
void text_wrap_memory_destroy(TextWrapMemory *memory);

/* Writes the lines of text into lines (max_lines rows of line_size bytes
 * each, NUL-terminated; spaces at a break are dropped) and returns how many
 * there are; text beyond max_lines lines is left out.  memory (NULL: none)
 * keeps the breaks found for the next wrap of text. */
int text_wrap(TextWrapMemory *memory, const char *text, double max_width, TextWidthFn width,
              void *context, char *lines, size_t line_size, int max_lines);

/* text_wrap, telling in *cut_word whether one of the lines written cuts a
 * word: the word alone is wider than the line (a panel that can take
 * another width should).  One pass: hud.c's panels size a text and learn
 * this at once. */
int text_wrap_noting_cuts(TextWrapMemory *memory, const char *text, double max_width,
                          TextWidthFn width, void *context, char *lines, size_t line_size,
                          int max_lines, bool *cut_word);

/* text_wrap, telling in *cost what its line ends cost: each binding they
 * part (a number and its words, a formula, a term), the stronger the
 * more; 0 where they part none.  hud.c narrows a caption to balance its
 * lines only while the lines and this stay the same: a narrower caption
 * parting "200 / examples" is no better balanced. */
int text_wrap_costing(TextWrapMemory *memory, const char *text, double max_width,
                      TextWidthFn width, void *context, char *lines, size_t line_size,
                      int max_lines, int *cost);

#endif
