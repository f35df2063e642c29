// The demo's activity calendar: 2026-11-01 .. 2026-12-31.
#include <algorithm>
#include <chrono>
#include <string>

#include "demo_content.h"

namespace redgrid::demo {
namespace {

using content::ActivityKind;

constexpr int year = 2026;

std::vector<unsigned> weekdays_of(unsigned month) {
    using namespace std::chrono;
    std::vector<unsigned> days;
    const year_month_day_last last{std::chrono::year{year} / std::chrono::month{month} / std::chrono::last};
    for (unsigned d = 1; d <= static_cast<unsigned>(last.day()); ++d) {
        const weekday wd{sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{d}}};
        if (wd != Saturday && wd != Sunday) days.push_back(d);
    }
    return days;
}

std::vector<unsigned> saturdays_of(unsigned month) {
    using namespace std::chrono;
    std::vector<unsigned> days;
    for (unsigned d = 1; d <= 31; ++d) {
        const year_month_day date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{d}};
        if (date.ok() && weekday{sys_days{date}} == Saturday) days.push_back(d);
    }
    return days;
}

content::Activity activity(ActivityKind kind, std::string title, std::string description, unsigned month, unsigned day,
                         int from_hour, int from_minute, int to_hour, int to_minute, std::string place,
                         std::optional<std::string> grid_id = std::nullopt) {
    content::Activity a;
    a.kind = kind;
    a.title = std::move(title);
    a.description = std::move(description);
    a.starts_at = beijing_time(year, month, day, from_hour, from_minute);
    a.ends_at = beijing_time(year, month, day, to_hour, to_minute);
    a.place = std::move(place);
    a.grid_id = std::move(grid_id);
    return a;
}

struct EventText {
    unsigned month, day;
    int from_hour, from_minute, to_hour, to_minute;
    std::size_t community;  // index into map.communities
    const char* title;
    const char* description;
    const char* place_suffix;  // after the community name
};

const EventText service_events[] = {
    {11, 1, 9, 0, 11, 30, 0, "便民服务日：义剪、磨刀、修小家电",
     "党员志愿者免费理发、磨刀，修理电饭煲、风扇、雨伞和自行车，请带上要修的物品。", "党群服务中心门前广场"},
    {11, 4, 9, 0, 11, 30, 1, "长者免费健康体检", "家庭医生团队为65岁以上长者免费体检，请带身份证和医保卡，空腹前来。",
     "社区健康服务中心"},
    {11, 7, 14, 30, 16, 30, 2, "垃圾分类小课堂", "教大家分清厨余、可回收物和有害垃圾，现场兑换环保礼品。", "党群服务中心二楼"},
    {11, 11, 19, 30, 21, 0, 0, "消防安全夜巡", "红小二与物业一起检查消防通道、电动车停放和充电，欢迎居民同行。",
     "各网格楼栋"},
    {11, 12, 10, 0, 11, 30, 3, "智能手机教学：网上挂号和医保", "志愿者一对一教老人用手机挂号、查医保、视频通话。",
     "党群服务中心长者活动室"},
    {11, 14, 9, 30, 11, 30, 4, "法律讲座：老年人防诈骗", "社区法律顾问讲解保健品、以房养老和冒充公检法等常见骗局。",
     "党群服务中心多功能厅"},
    {11, 15, 9, 0, 12, 0, 5, "家门口招聘会", "二十余家光明区企业现场招聘，岗位涵盖普工、质检、保洁、保安和文员。", "文化广场"},
    {11, 18, 15, 0, 17, 0, 0, "长者集体生日会", "为11月过生日的长者庆生，爱心饭堂准备了长寿面和蛋糕。", "党群服务中心一楼爱心饭堂"},
    {11, 21, 9, 0, 11, 0, 1, "清洁家园志愿行动", "清理楼道杂物和小广告，请各楼栋居民一起参加，工具由社区提供。", "各网格"},
    {11, 22, 16, 30, 18, 0, 0, "四点半课堂：亲子手工", "用旧物做冬日小灯笼，家长和孩子一起完成，材料免费。", "党群服务中心二楼自习室"},
    {11, 26, 9, 0, 11, 30, 2, "流感疫苗接种点进社区", "60岁以上户籍老人免费接种，其他居民自愿自费，请带身份证。", "社区健康服务中心"},
    {11, 28, 14, 30, 16, 30, 0, "老旧小区加装电梯说明会", "街道城建办讲解加装电梯的申请流程、补贴政策和费用怎么分。",
     "党群服务中心多功能厅"},
    {12, 1, 9, 0, 11, 30, 4, "长者免费健康体检", "家庭医生团队为65岁以上长者免费体检，请带身份证和医保卡，空腹前来。",
     "社区健康服务中心"},
    {12, 4, 9, 30, 11, 0, 0, "国家宪法日普法宣传", "法律服务站设摊答疑，发放普法手册，现场解答租房和劳动问题。", "党群服务中心门前广场"},
    {12, 6, 9, 0, 11, 30, 0, "便民服务日：义剪、磨刀、修小家电",
     "党员志愿者免费理发、磨刀，修理电饭煲、风扇、雨伞和自行车，请带上要修的物品。", "党群服务中心门前广场"},
    {12, 9, 14, 30, 16, 30, 3, "冬季用电用气安全讲座", "讲解取暖器、电热毯和燃气灶的安全使用，现场免费检查燃气软管。", "党群服务中心多功能厅"},
    {12, 12, 9, 0, 12, 0, 5, "技能培训报名：育婴员、养老护理员", "政府补贴培训项目现场报名，结业可考职业技能等级证书。", "就业驿站"},
    {12, 13, 15, 0, 17, 0, 1, "邻里百家宴", "每家做一道拿手菜，邻居们坐在一起唠家常，红小二现场收集大家的意见和建议。", "文化广场"},
    {12, 16, 15, 0, 17, 0, 0, "长者集体生日会", "为12月过生日的长者庆生，爱心饭堂准备了长寿面和蛋糕。", "党群服务中心一楼爱心饭堂"},
    {12, 19, 9, 30, 11, 30, 2, "消防演练：高层住宅疏散", "消防站指导居民用湿毛巾捂口鼻、沿疏散楼梯撤离，教大家使用灭火器。", "各网格楼栋"},
    {12, 20, 10, 0, 12, 0, 0, "迎冬至·包饺子送温暖", "党员和居民一起包饺子，送给独居老人和环卫工人。", "党群服务中心一楼爱心饭堂"},
    {12, 23, 16, 30, 18, 0, 0, "四点半课堂：寒假安全第一课", "讲防溺水、防火、防走失和用电安全，发放寒假安全手册。", "党群服务中心二楼自习室"},
    {12, 27, 9, 0, 11, 30, 4, "清洁家园迎新年", "清理楼道和绿化带垃圾，张贴新春宣传画，工具由社区提供。", "各网格"},
    {12, 30, 14, 30, 16, 30, 3, "新年游园会", "猜灯谜、写春联、套圈，老人和孩子都能参加，现场有小礼品。", "文化广场"},
};

std::string branch_title(const content::Grid& grid) { return grid.branch + "接待日"; }

}  // namespace

std::vector<content::Activity> make_activities(const DemoMap& map) {
    std::vector<content::Activity> activities;

    // Every branch receives residents once a month; spread the 48 over the weekdays
    // so a community's branches do not all meet on one day.
    for (unsigned month : {11u, 12u}) {
        const std::vector<unsigned> weekdays = weekdays_of(month);
        for (std::size_t g = 0; g < map.grids.size(); ++g) {
            const content::Grid& grid = map.grids[g];
            const unsigned day = weekdays[(g * 5 + month) % weekdays.size()];
            const bool morning = g % 2 == 0;
            activities.push_back(activity(
                ActivityKind::reception_day, branch_title(grid),
                "支部书记和红小二在网格党群服务站面对面听取居民的意见和困难，当场能办的当场办，"
                "不能当场办的登记转办、限时答复。",
                month, day, morning ? 9 : 14, morning ? 0 : 30, morning ? 11 : 17, morning ? 30 : 0,
                grid.name + "党群服务站", grid.id));
        }
        // The community party secretary's own reception day, mid-month.
        for (std::size_t c = 0; c < map.communities.size(); ++c) {
            const content::Community& community = map.communities[c];
            activities.push_back(activity(ActivityKind::reception_day, community.committee + "书记接待日",
                                          "社区党委书记坐班接待，网格解决不了的事可以直接来谈，"
                                          "一般事不出社区。",
                                          month, weekdays[9 + c % 4], 9, 0, 12, 0,
                                          community.name + "党群服务中心一楼接待室"));
        }
    }

    // The fourth-quarter joint meetings: each community with its property managers,
    // owners' committees and units, then the subdistrict with all six.
    const std::vector<unsigned> december = weekdays_of(12);
    for (std::size_t c = 0; c < map.communities.size(); ++c) {
        const content::Community& community = map.communities[c];
        activities.push_back(activity(ActivityKind::joint_meeting, community.name + "第四季度联席会议",
                                      "社区党委召集网格党支部、物业服务企业、业委会和驻社区单位，"
                                      "通报本季度群众诉求办理情况，协商解决跨网格的难事。",
                                      12, december[3 + c], 14, 30, 17, 0, community.name + "党群服务中心会议室"));
    }
    activities.push_back(activity(ActivityKind::joint_meeting, map.subdistrict.name + "第四季度党建联席会议",
                                  "街道党工委与六个社区党委、辖区单位共同研究社区解决不了的大事，"
                                  "大事不出街道。",
                                  12, december[12], 9, 30, 12, 0, "光明街道办事处三楼会议室"));

    for (const EventText& e : service_events) {
        const content::Community& community = map.communities[e.community];
        activities.push_back(activity(ActivityKind::service_event, e.title, e.description, e.month, e.day,
                                      e.from_hour, e.from_minute, e.to_hour, e.to_minute,
                                      community.name + e.place_suffix));
    }
    // 反诈 (anti-fraud) stalls every Saturday, going round the communities.
    std::size_t round = 0;
    for (unsigned month : {11u, 12u}) {
        for (unsigned day : saturdays_of(month)) {
            const content::Community& community = map.communities[round++ % map.communities.size()];
            activities.push_back(activity(ActivityKind::service_event, "反诈宣传进楼栋",
                                          "民警和红小二讲解最新诈骗手法，帮助安装国家反诈中心App，"
                                          "守好老人的养老钱。",
                                          month, day, 9, 30, 11, 30, community.name + "各网格楼栋"));
        }
    }

    std::stable_sort(activities.begin(), activities.end(),
                     [](const content::Activity& a, const content::Activity& b) { return a.starts_at < b.starts_at; });
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const std::string number = std::to_string(i + 1);
        activities[i].id = "a-" + std::string(3 - std::min<std::size_t>(3, number.size()), '0') + number;
    }
    return activities;
}

}  // namespace redgrid::demo
