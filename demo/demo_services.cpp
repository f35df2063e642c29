// Services and honour boards of the demo bundle.
#include <stdexcept>
#include <string>

#include "demo_content.h"

namespace redgrid::demo {
namespace {

struct ServiceText {
    const char* id;
    content::ServiceKind kind;
    const char* title;
    const char* description;
    const char* where;
    const char* when;
    const char* hotline;  // empty: the contact is a member of the kiosk's community
};

using content::ServiceKind;

const ServiceText service_texts[] = {
    {"s-visit", ServiceKind::five_ones, "走访一次邻居",
     "每名党员与3至5户独居老人、残疾人、困难家庭结对，每月至少上门走访一次：问问冷暖，看看水电煤气，"
     "把需求记下来，能办的当场办，办不了的带回网格支部转办，并把结果告诉您。",
     "碧眼社区各网格，入户走访", "每月至少一次；需要上门可随时预约", ""},
    {"s-discuss", ServiceKind::five_ones, "商议一次邻里事务",
     "加装电梯、停车管理、电动车充电、小区环境……大家关心的事，由网格党支部牵头，请居民、物业、"
     "业委会坐下来一起商量。议定的事张榜公示、限期落实，办得怎么样由居民来评。",
     "各网格党群议事点", "每月一次，一般安排在支部接待日之后", ""},
    {"s-mediate", ServiceKind::five_ones, "调解一次矛盾纠纷",
     "邻里噪音、楼上漏水、宠物扰民、占道堆物等矛盾，红小二调解员上门了解情况、当面调解；网格调不了的，"
     "转社区人民调解委员会。小事不出网格，一般事不出社区，大事不出街道。",
     "网格调解室；碧眼社区人民调解委员会（服务中心二楼）", "工作日 9:00-18:00；紧急情况请一键呼叫", ""},
    {"s-help", ServiceKind::five_ones, "帮办一件困难事",
     "为行动不便的老人代购代办、陪同就医，协助办理高龄津贴、医保、残疾人补贴等业务，为困难家庭链接救助资源。"
     "每名党员每月至少帮群众办成一件实事。",
     "碧眼社区党群服务中心一楼综合窗口，或预约上门", "工作日 9:00-12:00，14:00-18:00", ""},
    {"s-safety", ServiceKind::five_ones, "守护一方平安",
     "红小二参与楼栋巡查、消防通道清理、反诈宣传和夜间治安巡逻。发现安全隐患拍照上报统一分拨平台，"
     "事事有人管，件件有回应。您发现隐患也可以在本屏幕一键呼叫。",
     "碧眼社区各网格、楼栋", "每天巡查；夜间巡逻 19:30-21:30", ""},
    {"s-canteen", ServiceKind::brand, "爱心饭堂",
     "为辖区60岁以上老人、环卫工人和困难群众提供平价午餐，两荤一素一汤，每份12元；80岁以上老人和低保对象免费。"
     "行动不便的老人可提前一天登记，由红小二送餐上门。",
     "碧眼社区党群服务中心一楼", "周一至周六 11:00-13:00", ""},
    {"s-elder-care", ServiceKind::brand, "长者健康驿站",
     "家庭医生团队每周坐诊，免费量血压、测血糖，建立健康档案；提供助浴、助洁预约和智能手机使用教学，"
     "让老人在家门口就能看病、学习、交朋友。",
     "碧眼社区党群服务中心一楼长者活动室", "周二、周四 9:00-11:30", ""},
    {"s-after-school", ServiceKind::brand, "四点半课堂",
     "放学后为双职工家庭的小学生提供作业辅导、课外阅读和手工、书法活动，由党员教师和大学生志愿者轮值，免费参加，"
     "家长下班后来接。",
     "碧眼社区党群服务中心二楼自习室", "上学日 16:30-18:30", ""},
    {"s-legal", ServiceKind::brand, "法律服务站",
     "社区法律顾问坐班，免费解答婚姻家庭、劳动争议、房屋租赁、遗嘱继承等法律问题，帮助困难群众申请法律援助。",
     "碧眼社区党群服务中心二楼调解室旁", "每周三 14:00-17:00", "12348"},
    {"s-jobs", ServiceKind::brand, "家门口就业驿站",
     "发布光明区企业招聘信息，提供求职登记、技能培训报名、灵活就业和创业补贴政策咨询，帮助失业人员和随迁家属就近就业。",
     "碧眼社区党群服务中心一楼", "工作日 9:00-12:00，14:00-17:30", ""},
    {"s-repair", ServiceKind::other, "便民服务日",
     "党员志愿者在服务中心门口免费修小家电、修雨伞、修自行车，还有磨刀和义剪。",
     "碧眼社区党群服务中心门前广场", "每月第一个星期日 9:00-11:30", ""},
    {"s-call", ServiceKind::other, "党员一键呼叫",
     "在本屏幕按“呼叫党员”，附近在岗的红小二会尽快来到您身边；不方便等候的，可以用手机扫码留言，件件有回应。",
     "本屏幕；碧眼社区各网格", "每天 8:00-20:00 有人在岗；其他时间请拨 12345", "12345"},
};

// Full-time members of the kiosk's community: the people a resident can reach here.
std::vector<const content::Member*> community_full_timers(const DemoMap& map, const DemoPeople& people,
                                                        const std::string& community_id) {
    std::vector<const content::Member*> out;
    for (const auto& member : people.members)
        if (member.full_time && grid_of_member(map, people, member).community_id == community_id)
            out.push_back(&member);
    if (out.empty()) throw std::logic_error("demo services: no full-time member in " + community_id);
    return out;
}

}  // namespace

std::vector<content::Service> make_services(const DemoMap& map, const DemoPeople& people) {
    const auto contacts = community_full_timers(map, people, map.communities.front().id);
    std::vector<content::Service> services;
    std::size_t next_contact = 0;
    for (const ServiceText& text : service_texts) {
        content::Service service;
        service.id = text.id;
        service.kind = text.kind;
        service.title = text.title;
        service.description = text.description;
        service.where = text.where;
        service.when = text.when;
        if (*text.hotline != '\0') {
            service.contact_phone = text.hotline;
        } else {
            const content::Member& contact = *contacts[next_contact++ % contacts.size()];
            service.contact_member_id = contact.id;
            service.contact_phone = contact.phone_masked;
        }
        service.contact_url = std::string("https://example.invalid/s/") + text.id;
        services.push_back(std::move(service));
    }
    return services;
}

namespace {

// {grid} is replaced with the member's grid name.
const char* const governance_reasons[] = {
    "牵头化解{grid}停车难问题，三次组织居民、物业协商，新增夜间临时车位42个，居民满意度98%。",
    "本月走访结对困难家庭5户，推动物业更换老化消防设施，排查整改{grid}安全隐患11处。",
    "成功调解邻里漏水纠纷3起，完成{grid}两栋老旧楼加装电梯的意见征集。",
    "带领红小二夜间巡逻12次，及时发现并协助处置一起燃气泄漏隐患。",
    "受理群众诉求23件，件件有回应、办结率100%，做到小事不出{grid}。",
    "组织楼栋长议事会，协商解决电动自行车充电难，{grid}新建集中充电棚两处。",
    "推动垃圾分类定时定点投放，{grid}分类准确率由七成提升到九成以上。",
    "协调修复小区破损路面和路灯，清理消防通道堆物20余处。",
};

const char* const service_reasons[] = {
    "坚持每天到爱心饭堂帮厨，为行动不便的老人送餐上门60余次。",
    "在四点半课堂义务辅导作业20余次，孩子和家长都说“来了就放心”。",
    "陪同独居老人就医8次，帮助6位长者办好高龄津贴年审。",
    "居民评价全部五星，留言说“随叫随到，像家里人一样”。",
    "组织义剪、义诊活动3场，服务{grid}居民200余人次。",
    "一键呼叫平均不到10分钟赶到，本月上门服务31次。",
    "手把手教40多位老人用手机挂号、视频通话和防范电信诈骗。",
    "雨夜冒雨帮独居老人疏通下水道，连续三天上门查看直到修好。",
};

std::string with_grid(std::string text, const std::string& grid_name) {
    const std::string key = "{grid}";
    if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), grid_name);
    return text;
}

}  // namespace

std::vector<content::Honour> make_honours(const DemoMap& map, const DemoPeople& people, Rng& rng) {
    struct Period {
        const char* label;
        std::size_t communities;  // how many communities' stars are still on the board
    };
    // The current month for every community, and last month's stars for the kiosk's
    // neighbours, so the board has a history to page through.
    const Period periods[] = {{"2026年11月", map.communities.size()}, {"2026年10月", 3}};

    std::vector<content::Honour> honours;
    std::size_t governance_text = rng.below(std::size(governance_reasons));
    std::size_t service_text = rng.below(std::size(service_reasons));
    for (const Period& period : periods) {
        for (std::size_t c = 0; c < period.communities; ++c) {
            const std::string& community_id = map.communities[c].id;
            std::vector<const content::Member*> full_time;
            std::vector<const content::Member*> anyone;
            for (const auto& member : people.members) {
                if (grid_of_member(map, people, member).community_id != community_id) continue;
                anyone.push_back(&member);
                if (member.full_time) full_time.push_back(&member);
            }
            // Governance stars are full-time grid members; anyone can be a service star.
            const content::Member& governor = *full_time[rng.below(full_time.size())];
            const content::Member& server = *anyone[rng.below(anyone.size())];
            const std::string governor_grid = grid_of_member(map, people, governor).name;
            const std::string server_grid = grid_of_member(map, people, server).name;
            auto id = [&] { return "h-" + std::string(honours.size() < 9 ? "00" : "0") + std::to_string(honours.size() + 1); };
            honours.push_back({id(), content::HonourBoard::governance_star, governor.id, period.label,
                               with_grid(governance_reasons[governance_text++ % std::size(governance_reasons)],
                                         governor_grid)});
            honours.push_back({id(), content::HonourBoard::service_star, server.id, period.label,
                               with_grid(service_reasons[service_text++ % std::size(service_reasons)], server_grid)});
        }
    }
    return honours;
}

}  // namespace redgrid::demo
