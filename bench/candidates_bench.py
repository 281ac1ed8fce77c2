"""Candidate generation at scale: time, peak memory, and recall of the blocking.

Draws N distinct names of people (given name, sometimes a patronymic, surname), places and
organisations. Words come from the region's names used across the project (Zelensky,
Kharkiv, Yoon…) and from Faker's lists of real given names, surnames and cities of 25 locales,
romanised; frequencies follow rank (1 / (rank + 10)), as real name frequencies do. A fifth of
the names is written again under another romanisation (-sky/-skyy, ie/ye, kh/h, doubled
letters…), so real variant pairs are among them. Then, in one run:

- on 10,000 names: exhaustive all-pairs rapidfuzz searches (`cdist`) against the blocking, for
  words and for whole names at the proposal threshold, and the share of the pairs the scorer
  proposes that the blocked generation finds;
- on 10,000 and 100,000 names: the whole candidate generation (blocking, partial names,
  scoring), its time and peak memory, each in a fresh process.

    .venv/bin/pip install -e '.[bench]'   # Faker's name lists
    .venv/bin/python bench/candidates_bench.py [--small 10000] [--large 100000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.entities.blocking import exhaustive_pairs, similar_pairs  # noqa: E402
from corpus.entities.candidates import NameEntry, _word_ids, candidate_pairs, generate  # noqa: E402
from corpus.entities.scoring import (  # noqa: E402
    THRESHOLD, TOKEN_FLOOR, TRANSLIT_WEIGHT, name_info, score_pair)

GIVEN = """Volodymyr Vladimir Oleksandr Aleksandr Alexander Oleksii Aleksei Alexei Andriy Andrei Andrey Dmytro
Dmitry Dmitri Serhiy Sergei Sergey Mykola Nikolai Nikolay Mykhailo Mikhail Yuriy Yuri Iurii Yevhen Yevgeny
Evgeny Viktor Victor Vitaliy Vitali Valerii Valery Petro Pyotr Ivan Ihor Igor Pavlo Pavel Bohdan Bogdan
Taras Roman Ruslan Rustem Denys Denis Kyrylo Kirill Maksym Maxim Anatoliy Anatoly Vasyl Vasily Hryhoriy
Grigory Leonid Arseniy Arseny Stepan Yaroslav Oleh Oleg Volodymyra Olena Elena Iryna Irina Yulia Yuliya
Tetiana Tatiana Natalia Nataliya Oksana Kateryna Ekaterina Svitlana Svetlana Liudmyla Lyudmila Halyna Galina
Olha Olga Anna Hanna Mariia Maria Daria Darya Viktoriia Viktoria Sofiia Sofia Kim Lee Park Choi Jung Kang
Yoon Cho Jang Lim Han Shin Seo Kwon Hwang Ahn Song Jeon Hong Moon Jae-in Suk-yeol Jong-un Yo-jong Il-sung
Jin-ho Sung-won Han-bum Duck-soo Jae-myung Son-hui Mohammed Muhammad Ahmed Ahmad Ali Hassan Hasan Hussein
Husayn Omar Umar Yusuf Youssef Ibrahim Khalid Khaled Abdullah Mahmoud Mahmud Mustafa Mostafa Ismail Yahya
John James Robert Michael William David Richard Joseph Thomas Charles Donald Joe Kamala Hillary Boris
Emmanuel Olaf Rishi Keir Antony Lloyd Jake Mark Mike Jens Ursula Josep Kaja Annalena""".split()
SURNAMES = """Zelensky Zelenskyy Zelenskiy Poroshenko Tymoshenko Timoshenko Yanukovych Yanukovich Yushchenko
Kuchma Kravchuk Klitschko Klychko Kuleba Yermak Zaluzhnyi Zaluzhny Syrskyi Syrsky Budanov Reznikov Shmyhal
Shmygal Stefanchuk Podolyak Podoliak Arestovych Arestovich Medvedchuk Kolomoisky Kolomoyskyi Akhmetov Pinchuk
Firtash Umerov Vereshchuk Matviichuk Danilov Sybiha Svyrydenko Kubrakov Fedorov Markarova Stefanishyna
Kovalenko Kovalchuk Bondarenko Tkachenko Kravchenko Shevchenko Boyko Oliynyk Oleynik Lysenko Melnyk Melnik
Moroz Marchenko Savchenko Rudenko Petrenko Koval Ponomarenko Tkachuk Kozak Hrytsenko Gritsenko Pavlenko
Levchenko Kharchenko Karpenko Vlasenko Zinchenko Romanenko Lytvyn Litvin Savchuk Polishchuk Kuzmenko
Putin Shoigu Shoygu Lavrov Peskov Prigozhin Navalny Navalnyi Gerasimov Medvedev Kadyrov Surovikin Zakharova
Nebenzia Nebenzya Patrushev Nabiullina Belousov Mishustin Volodin Matviyenko Matviyenko Naryshkin Bortnikov
Kiriyenko Kiriyenko Sobyanin Sechin Miller Deripaska Abramovich Usmanov Potanin Fridman Aven Khodorkovsky
Ivanov Ivanova Petrov Petrova Sidorov Smirnov Smirnova Kuznetsov Kuznetsova Popov Popova Vasiliev Vasilyev
Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Alexeyev Lebedev Semenov Semyonov Yegorov Egorov
Pavlov Kozlov Stepanov Nikolaev Nikolayev Orlov Andreev Andreyev Makarov Zakharov Zaitsev Zaytsev Solovyov
Soloviev Borisov Yakovlev Grigoryev Grigoriev Romanov Vorobyov Vorobiev Lukashenko Lukashenka Tsikhanouskaya
Tikhanovskaya Tokayev Tokaev Nazarbayev Nazarbaev Aliyev Aliev Pashinyan Pashinian Saakashvili
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong Moon Mun
Gaddafi Qaddafi Kadhafi Nasrallah Haniyeh Haniya Sinwar Abbas Assad Asad Zawahiri Zawahri Baghdadi Erdogan
Rouhani Rowhani Khamenei Ahmadinejad Ahmadinezhad Sisi Larijani Qaani Soleimani Suleimani Zarif Araghchi
Trump Biden Harris Clinton Obama Bush Blinken Austin Sullivan Stoltenberg Rutte Macron Scholz Sunak Starmer
Johnson Truss Tusk Duda Orban Meloni Borrell Kallas Baerbock Habeck Lindner Pistorius""".split()
PLACES = """Kyiv Kiev Kharkiv Kharkov Odesa Odessa Lviv Lvov Mykolaiv Nikolaev Zaporizhzhia Zaporozhye Luhansk
Lugansk Chernihiv Chernigov Dnipro Dnepr Rivne Rovno Zhytomyr Zhitomir Vinnytsia Vinnitsa Chernivtsi Ternopil
Uzhhorod Cherkasy Cherkassy Sumy Poltava Kherson Mariupol Melitopol Berdiansk Berdyansk Kramatorsk Sloviansk
Slavyansk Bakhmut Avdiivka Avdeyevka Pokrovsk Toretsk Horlivka Gorlovka Makiivka Makeyevka Donetsk Izium
Izyum Kupiansk Kupyansk Lyman Liman Sievierodonetsk Severodonetsk Lysychansk Lisichansk Irpin Irpen Bucha
Hostomel Gostomel Borodianka Boryspil Borispol Brovary Vyshhorod Chornobyl Chernobyl Prypiat Pripyat Enerhodar
Energodar Kakhovka Nikopol Kryvyi Rih Kremenchuk Kremenchug Moscow Moskva Belgorod Kursk Bryansk Voronezh Rostov
Krasnodar Novorossiysk Sevastopol Simferopol Kerch Yalta Dzhankoi Minsk Gomel Homel Grodno Hrodna Brest Vitebsk
Mogilev Seoul Busan Pusan Incheon Inchon Daegu Taegu Gwangju Kwangju Pyongyang Kaesong Gaeseong Wonsan Sinuiju
Gaza Rafah Khan Younis Jabalia Beirut Damascus Aleppo Idlib Homs Hama Raqqa Mosul Baghdad Tehran Isfahan""".split()
SUFFIXES = ["Oblast", "Raion", "City Council", "Region", "District"]
ORG_HEADS = ["Institute", "University", "Ministry of Defence", "Post", "Times", "News Agency", "Foundation",
             "Brigade", "Battalion", "Council", "Academy", "Centre", "Group"]

# Romanisation variants a writer might produce: each rewrites one spot of a name.
VARIANTS = [
    ("sky", "skyy"), ("skyy", "sky"), ("skiy", "sky"), ("sky", "skiy"), ("iy", "ii"), ("ii", "iy"),
    ("yi", "i"), ("ie", "ye"), ("ye", "ie"), ("i", "y"), ("y", "i"), ("kh", "h"), ("h", "g"), ("g", "h"),
    ("ss", "s"), ("nn", "n"), ("ts", "tz"), ("v", "w"), ("ks", "x"), ("x", "ks"), ("ch", "tch"), ("ov", "iv"),
    ("iv", "ov"), ("ei", "ey"), ("ey", "ei"), ("ya", "ia"), ("ia", "ya"), ("yu", "iu"), ("oo", "u"), ("eo", "o"),
]


def _variant(name: str, rng: random.Random) -> str | None:
    options = [(a, b) for a, b in VARIANTS if a in name]
    if not options:
        return None
    a, b = rng.choice(options)
    spots = [i for i in range(len(name)) if name.startswith(a, i)]
    i = rng.choice(spots)
    return name[:i] + b + name[i + len(a):]


LOCALES = ("uk_UA", "ru_RU", "ko_KR", "ar_AA", "en_US", "en_GB", "pl_PL", "de_DE", "ka_GE", "hy_AM", "az_AZ",
           "fa_IR", "tr_TR", "cs_CZ", "fr_FR", "es_ES", "it_IT", "ro_RO", "hu_HU", "bg_BG", "lv_LV", "lt_LT",
           "sk_SK", "hr_HR", "he_IL")


def _faker_names(provider: str, *attributes: str) -> list[str]:
    """Real names from Faker's locale lists, romanised as an English-language outlet would print them."""
    try:
        from faker import Faker
    except ImportError:
        sys.exit("bench/candidates_bench.py needs Faker's name lists: .venv/bin/pip install -e '.[bench]'")
    from unidecode import unidecode

    found: dict[str, None] = {}
    for locale in LOCALES:
        source = Faker(locale).provider(provider)
        for attribute in attributes:
            values = getattr(source, attribute, None) or ()
            # Plain lists are sorted: one of them is built from a set, so its order (and the
            # names drawn) would change from run to run.
            for value in (values.keys() if hasattr(values, "keys") else sorted(values)):
                name = unidecode(value).replace("`", "").replace("'", "").strip()
                if name[:1].isupper() and name.replace(" ", "").replace("-", "").isalpha():
                    found.setdefault(name)
    return list(found)


def vocabulary() -> tuple[list[str], list[str], list[str]]:
    """Given names, surnames and places: the region's own lists first, then Faker's real ones."""
    given = list(dict.fromkeys(GIVEN + _faker_names("faker.providers.person", "first_names",
                                                        "first_names_male", "first_names_female")))
    surnames = list(dict.fromkeys(SURNAMES + _faker_names("faker.providers.person", "last_names")))
    places = list(dict.fromkeys(PLACES + _faker_names("faker.providers.address", "cities", "city_names")))
    return given, surnames, places


_WEIGHTS: dict[int, list[float]] = {}


def _zipf(rng: random.Random, items: list[str]) -> str:
    """Few names are very common, most are rare: frequency ∝ 1 / (rank + 10), as for real names."""
    weights = _WEIGHTS.get(len(items))
    if weights is None:
        weights = _WEIGHTS[len(items)] = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(items))))
    return rng.choices(items, cum_weights=weights)[0]


def _one(rng: random.Random, given: list[str], surnames: list[str], places: list[str]) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.6:
        words = [_zipf(rng, given), _zipf(rng, surnames)]
        if rng.random() < 0.1:
            words.insert(1, rng.choice(GIVEN) + rng.choice(["ovich", "ovych", "ivna", "ovna", "evich"]))
        return " ".join(words), "PERSON"
    if roll < 0.85:
        place = _zipf(rng, places)
        if rng.random() < 0.3:
            place = f"{place} {rng.choice(SUFFIXES)}" if rng.random() < 0.5 else f"{_zipf(rng, places)} {place}"
        return place, "GPE"
    return f"{_zipf(rng, places + surnames)} {rng.choice(ORG_HEADS)}", "ORG"


def draw_names(n: int, seed: int = 11, variant_share: float = 0.2) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    given, surnames, places = vocabulary()
    names: dict[str, str] = {}
    while len(names) < n:
        name, kind = _one(rng, given, surnames, places)
        names.setdefault(name, kind)
        if rng.random() < variant_share and len(names) < n:
            other = _variant(name, rng)
            if other:
                names.setdefault(other, kind)
    return list(names.items())


def _proposed(entries: list[NameEntry], pairs) -> set[tuple[int, int]]:
    out = set()
    for i, j in pairs:
        a, b = entries[i], entries[j]
        if score_pair(name_info(a.name, a.type), name_info(b.name, b.type)).proposed:
            out.add((min(i, j), max(i, j)))
    return out


def _timed(func, *args):
    started = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - started


def measure_recall(n: int) -> dict:
    names = draw_names(n)
    entries = [NameEntry(i, i, name, kind) for i, (name, kind) in enumerate(names)]
    _, words = _word_ids(entries)
    word_threshold = min(1.0, TOKEN_FLOOR / TRANSLIT_WEIGHT)
    exhaustive_words, exhaustive_s = _timed(exhaustive_pairs, words, word_threshold)
    blocked_words, blocking_s = _timed(similar_pairs, words, word_threshold)
    all_words = {tuple(p) for p in exhaustive_words.tolist()}
    word_recall = len({tuple(p) for p in blocked_words.tolist()} & all_words) / max(1, len(all_words))
    exhaustive_names = _proposed(entries, candidate_pairs(entries, exhaustive_pairs))
    blocked_names = _proposed(entries, candidate_pairs(entries))
    keys = [" ".join(name_info(name).tr_tokens) for name, _ in names]
    string_pairs, string_s = _timed(exhaustive_pairs, keys, THRESHOLD)
    string_proposable = _proposed(entries, string_pairs.tolist())
    return {
        "names": len(names), "words": len(words), "word_pairs": len(all_words), "exhaustive_s": exhaustive_s,
        "blocking_s": blocking_s, "word_recall": word_recall,
        "name_pairs": len(exhaustive_names),
        "name_recall": len(blocked_names & exhaustive_names) / max(1, len(exhaustive_names)),
        "string_pairs": len(string_pairs), "string_s": string_s, "string_proposable": len(string_proposable),
        "string_recall": len(blocked_names & string_proposable) / max(1, len(string_proposable)),
    }


def measure_generation(n: int) -> dict:
    """Run in a fresh process so the peak memory is this generation's alone."""
    names = draw_names(n)
    entries = [NameEntry(i, i, name, kind) for i, (name, kind) in enumerate(names)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    found = generate(entries)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # forked helpers, shared pages included
    return {"names": n, "seconds": seconds, "candidates": len(found), "peak_mb": peak_kb / 1024,
            "peak_growth_mb": (peak_kb - before) / 1024, "child_peak_mb": child_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--generation-only", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generation_only:
        print(json.dumps(measure_generation(args.generation_only)))
        return
    r = measure_recall(args.small)
    print(f"{r['names']:,} names, {r['words']:,} distinct words (transliteration keys); words alike at rapidfuzz "
          f"ratio ≥ {TOKEN_FLOOR / TRANSLIT_WEIGHT:.3f}:")
    print(f"  exhaustive all-pairs (cdist): {r['word_pairs']:,} pairs in {r['exhaustive_s']:.2f} s")
    print(f"  sorted-neighbourhood blocking: {r['blocking_s']:.2f} s, recall {r['word_recall']:.2%}")
    print(f"  proposed name pairs: {r['name_pairs']:,} from exhaustive near words, "
          f"recall of the blocked generation {r['name_recall']:.2%}")
    print(f"  whole-name exhaustive ratio ≥ {THRESHOLD} ({r['string_pairs']:,} pairs, {r['string_s']:.2f} s) "
          f"holds {r['string_proposable']:,} the scorer proposes; the generation finds {r['string_recall']:.2%}")
    for n in (args.small, args.large):
        out = subprocess.run([sys.executable, __file__, "--generation-only", str(n)], capture_output=True,
                             text=True, check=True)
        g = json.loads(out.stdout)
        print(f"{g['names']:,} names: full candidate generation in {g['seconds']:.2f} s, "
              f"{g['candidates']:,} candidates proposed, peak RSS {g['peak_mb']:.0f} MB "
              f"(+{g['peak_growth_mb']:.0f} MB during generation; largest forked helper "
              f"{g['child_peak_mb']:.0f} MB, pages shared with the parent counted in both)")


if __name__ == "__main__":
    main()
