#include "demo/names.hpp"

namespace kam::demo {
namespace {

constexpr Place kPlaces[] = {
    {"北京市", "北京市", "110000", "010", "华北", 9},
    {"天津市", "天津市", "120000", "022", "华北", 3},
    {"河北省", "石家庄市", "130100", "0311", "华北", 2},
    {"山西省", "太原市", "140100", "0351", "华北", 1.5},
    {"内蒙古自治区", "呼和浩特市", "150100", "0471", "华北", 1},
    {"辽宁省", "沈阳市", "210100", "024", "东北", 2},
    {"辽宁省", "大连市", "210200", "0411", "东北", 2},
    {"吉林省", "长春市", "220100", "0431", "东北", 1.5},
    {"黑龙江省", "哈尔滨市", "230100", "0451", "东北", 1.5},
    {"上海市", "上海市", "310000", "021", "华东", 9},
    {"江苏省", "南京市", "320100", "025", "华东", 4},
    {"江苏省", "苏州市", "320500", "0512", "华东", 4},
    {"江苏省", "无锡市", "320200", "0510", "华东", 2.5},
    {"浙江省", "杭州市", "330100", "0571", "华东", 5},
    {"浙江省", "宁波市", "330200", "0574", "华东", 3},
    {"浙江省", "温州市", "330300", "0577", "华东", 2},
    {"安徽省", "合肥市", "340100", "0551", "华东", 2.5},
    {"福建省", "福州市", "350100", "0591", "华东", 2},
    {"福建省", "厦门市", "350200", "0592", "华东", 2},
    {"山东省", "济南市", "370100", "0531", "华东", 2.5},
    {"山东省", "青岛市", "370200", "0532", "华东", 3},
    {"江西省", "南昌市", "360100", "0791", "华中", 1.5},
    {"河南省", "郑州市", "410100", "0371", "华中", 3},
    {"湖北省", "武汉市", "420100", "027", "华中", 4},
    {"湖南省", "长沙市", "430100", "0731", "华中", 3},
    {"广东省", "广州市", "440100", "020", "华南", 6},
    {"广东省", "深圳市", "440300", "0755", "华南", 8},
    {"广东省", "东莞市", "441900", "0769", "华南", 3},
    {"广东省", "佛山市", "440600", "0757", "华南", 3},
    {"广西壮族自治区", "南宁市", "450100", "0771", "华南", 1.5},
    {"海南省", "海口市", "460100", "0898", "华南", 1},
    {"重庆市", "重庆市", "500000", "023", "西南", 3.5},
    {"四川省", "成都市", "510100", "028", "西南", 4.5},
    {"贵州省", "贵阳市", "520100", "0851", "西南", 1.5},
    {"云南省", "昆明市", "530100", "0871", "西南", 1.5},
    {"陕西省", "西安市", "610100", "029", "西北", 3},
    {"甘肃省", "兰州市", "620100", "0931", "西北", 1},
    {"宁夏回族自治区", "银川市", "640100", "0951", "西北", 0.5},
    {"新疆维吾尔自治区", "乌鲁木齐市", "650100", "0991", "西北", 1},
};

constexpr std::string_view kRegions[] = {"华北", "东北", "华东", "华中", "华南", "西南", "西北"};

constexpr IndustryWord kIndustryWords[] = {
    {"39", "电子科技", 8}, {"65", "软件", 8},     {"64", "网络科技", 4}, {"63", "通信", 3},
    {"26", "化工", 4},     {"27", "医药", 4},     {"34", "机械", 5},     {"35", "装备", 4},
    {"36", "汽车", 4},     {"38", "电气", 5},     {"33", "五金制品", 3}, {"30", "建材", 2},
    {"44", "能源", 3},     {"48", "建设工程", 4}, {"47", "建筑", 3},     {"51", "贸易", 8},
    {"52", "商贸", 4},     {"54", "物流", 3},     {"59", "仓储", 2},     {"70", "置业", 3},
    {"72", "企业管理", 4}, {"74", "工程技术", 2}, {"13", "农业发展", 2}, {"14", "食品", 2},
    {"17", "纺织", 2},     {"22", "纸业", 1},     {"29", "塑胶", 2},     {"31", "钢铁", 1},
    {"32", "有色金属", 1}, {"40", "仪器仪表", 2}, {"61", "酒店管理", 1}, {"62", "餐饮管理", 1},
    {"73", "研究院", 1},   {"06", "煤业", 1},     {"25", "石化", 1},     {"68", "保险代理", 1},
};

constexpr Syllable kBrandFirst[] = {
    {"华", "hua"},   {"中", "zhong"}, {"天", "tian"},  {"鼎", "ding"},  {"恒", "heng"},
    {"瑞", "rui"},   {"宏", "hong"},  {"金", "jin"},   {"远", "yuan"},  {"新", "xin"},
    {"博", "bo"},    {"汇", "hui"},   {"正", "zheng"}, {"东", "dong"},  {"长", "chang"},
    {"海", "hai"},   {"联", "lian"},  {"星", "xing"},  {"嘉", "jia"},   {"宇", "yu"},
    {"同", "tong"},  {"亿", "yi"},    {"润", "run"},   {"盛", "sheng"}, {"德", "de"},
    {"信", "xin"},   {"安", "an"},    {"永", "yong"},  {"泰", "tai"},   {"明", "ming"},
    {"光", "guang"}, {"锦", "jin"},   {"凯", "kai"},   {"佳", "jia"},   {"晨", "chen"},
    {"蓝", "lan"},
};

constexpr Syllable kBrandSecond[] = {
    {"信", "xin"},  {"科", "ke"},     {"成", "cheng"}, {"盛", "sheng"}, {"通", "tong"},
    {"丰", "feng"}, {"达", "da"},     {"桥", "qiao"},  {"景", "jing"},  {"锐", "rui"},
    {"远", "yuan"}, {"智", "zhi"},    {"泰", "tai"},   {"方", "fang"},  {"城", "cheng"},
    {"天", "tian"}, {"创", "chuang"}, {"河", "he"},    {"禾", "he"},    {"新", "xin"},
    {"辉", "hui"},  {"阳", "yang"},   {"源", "yuan"},  {"峰", "feng"},  {"邦", "bang"},
    {"华", "hua"},  {"宇", "yu"},     {"鑫", "xin"},   {"腾", "teng"},  {"航", "hang"},
};

constexpr Syllable kSurnames[] = {
    {"王", "wang"},  {"李", "li"},    {"张", "zhang"}, {"刘", "liu"},  {"陈", "chen"},
    {"杨", "yang"},  {"黄", "huang"}, {"赵", "zhao"},  {"吴", "wu"},   {"周", "zhou"},
    {"徐", "xu"},    {"孙", "sun"},   {"马", "ma"},    {"朱", "zhu"},  {"胡", "hu"},
    {"郭", "guo"},   {"何", "he"},    {"高", "gao"},   {"林", "lin"},  {"罗", "luo"},
    {"郑", "zheng"}, {"梁", "liang"}, {"谢", "xie"},   {"宋", "song"}, {"唐", "tang"},
    {"韩", "han"},   {"冯", "feng"},  {"邓", "deng"},  {"曹", "cao"},  {"彭", "peng"},
};

constexpr Syllable kGivenNames[] = {
    {"伟", "wei"},       {"芳", "fang"},       {"娜", "na"},       {"敏", "min"},
    {"静", "jing"},      {"磊", "lei"},        {"强", "qiang"},    {"洋", "yang"},
    {"艳", "yan"},       {"勇", "yong"},       {"军", "jun"},      {"杰", "jie"},
    {"娟", "juan"},      {"涛", "tao"},        {"明", "ming"},     {"超", "chao"},
    {"秀英", "xiuying"}, {"霞", "xia"},        {"平", "ping"},     {"刚", "gang"},
    {"建华", "jianhua"}, {"志强", "zhiqiang"}, {"海燕", "haiyan"}, {"晓东", "xiaodong"},
    {"丽华", "lihua"},   {"文博", "wenbo"},    {"子涵", "zihan"},  {"浩然", "haoran"},
    {"雨欣", "yuxin"},   {"国栋", "guodong"},
};

constexpr JobTitle kJobTitles[] = {
    {"总经理", "总经办", 0},         {"副总经理", "总经办", 1}, {"采购总监", "采购部", 1},
    {"技术总监", "技术部", 1},       {"财务总监", "财务部", 1}, {"采购经理", "采购部", 2},
    {"信息中心主任", "信息中心", 2}, {"项目经理", "项目部", 2}, {"财务经理", "财务部", 2},
    {"高级工程师", "技术部", 3},     {"采购专员", "采购部", 3}, {"行政主管", "行政部", 3},
};

constexpr ProductLineSpec kProductLines[] = {
    {"NET", "网络设备", 180, 3}, {"SRV", "服务器与存储", 120, 3}, {"SEC", "信息安全", 400, 2},
    {"SW", "软件许可", 600, 2},  {"CLD", "云服务", 350, 2.5},     {"IMP", "实施服务", 300, 1.5},
    {"OPS", "运维服务", 450, 2}, {"TRN", "培训咨询", 500, 1},
};

constexpr std::string_view kRecreations[] = {
    "喜欢打羽毛球，周末常去球馆",
    "高尔夫爱好者",
    "喜欢钓鱼",
    "喜欢喝普洱茶，懂茶道",
    "热爱徒步和登山",
    "爱读历史类书籍",
    "喜欢摄影",
    "跑步，参加过马拉松",
    "喜欢粤菜，常去老字号",
    "书法爱好者",
};

constexpr std::string_view kFamilyNotes[] = {
    "已婚，育有一子，孩子在读初中",
    "已婚，育有一女，今年高考",
    "已婚，两个孩子",
    "单身",
    "父母同住，很孝顺",
    "爱人是中学教师",
};

constexpr std::string_view kTravelNotes[] = {
    "下月计划赴上海参加行业展会", "近期出差频繁，宜提前预约", "春节前后回老家探亲",
    "计划带家人去云南旅游",       "下季度将赴德国考察设备",
};

constexpr std::string_view kActivitySubjects[] = {
    "季度业务回顾", "新产品介绍", "商务谈判",     "技术交流",
    "回款沟通",     "节日拜访",   "项目进度沟通", "年度合作规划",
};

constexpr std::string_view kActivityOutcomes[] = {
    "达成初步意向",   "客户要求提供报价",         "需进一步技术交流",
    "确认续约意向",   "客户反映交货问题，已记录", "约定下次拜访时间",
    "客户暂无新需求",
};

constexpr std::string_view kComplaintSubjects[] = {
    "交货延迟", "产品质量问题", "发票开具错误", "售后响应慢", "价格调整不满",
};
constexpr std::string_view kPraiseSubjects[] = {
    "项目实施顺利",
    "客户经理服务到位",
    "技术支持及时",
};
constexpr std::string_view kSuggestionSubjects[] = {
    "希望增加产品培训",
    "建议优化订货流程",
    "希望提供更灵活的账期",
};

}  // namespace

std::span<const Place> places() {
  return kPlaces;
}
std::span<const std::string_view> regions() {
  return kRegions;
}
std::span<const IndustryWord> industry_words() {
  return kIndustryWords;
}
std::span<const Syllable> brand_first() {
  return kBrandFirst;
}
std::span<const Syllable> brand_second() {
  return kBrandSecond;
}
std::span<const Syllable> surnames() {
  return kSurnames;
}
std::span<const Syllable> given_names() {
  return kGivenNames;
}
std::span<const JobTitle> job_titles() {
  return kJobTitles;
}
std::span<const ProductLineSpec> product_lines() {
  return kProductLines;
}
std::span<const std::string_view> recreations() {
  return kRecreations;
}
std::span<const std::string_view> family_notes() {
  return kFamilyNotes;
}
std::span<const std::string_view> travel_notes() {
  return kTravelNotes;
}
std::span<const std::string_view> activity_subjects() {
  return kActivitySubjects;
}
std::span<const std::string_view> activity_outcomes() {
  return kActivityOutcomes;
}
std::span<const std::string_view> complaint_subjects() {
  return kComplaintSubjects;
}
std::span<const std::string_view> praise_subjects() {
  return kPraiseSubjects;
}
std::span<const std::string_view> suggestion_subjects() {
  return kSuggestionSubjects;
}

}  // namespace kam::demo
