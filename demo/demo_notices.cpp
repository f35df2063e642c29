// The demo's notice board around 2026-11-25.
#include "demo_content.h"

namespace redgrid::demo {
namespace {

using content::NoticePriority;

struct NoticeText {
    const char* title;
    NoticePriority priority;
    int from_month, from_day, from_hour;
    int to_month, to_day, to_hour;
    const char* body;
};

// Long enough (well over 800 characters) that every layout has to scroll it.
constexpr const char* winter_fire_safety =
    "各位居民朋友：\n"
    "入冬以来，天气干燥，取暖设备和大功率电器使用增多，是火灾易发、多发的季节。为保障大家的生命财产安全，"
    "光明街道消防安全委员会和各社区党委提醒您注意以下事项：\n"
    "一、电动自行车安全。严禁将电动自行车和电池推入电梯、停放在楼道、楼梯间和安全出口，严禁“飞线”充电和在家中充电。"
    "请到小区集中充电棚充电，充满即拔，充电时间不要超过8小时。不要购买和使用来历不明的电池，不要私自改装车辆。\n"
    "二、用电安全。取暖器、电热毯、电暖桌要选购有3C认证的合格产品，远离窗帘、被褥、沙发等可燃物。"
    "人走断电，睡前关闭取暖设备。一个插座不要同时接多个大功率电器，发现电线老化、插座发烫要及时请电工更换。\n"
    "三、用气安全。使用燃气时保持厨房通风，人不离灶；燃气软管每两年更换一次，发现老化、龟裂要立即更换。"
    "闻到燃气味道时，请立即关闭阀门、打开门窗，不要开关电器、不要拨打手机，到室外安全地点后再拨打燃气抢修电话。"
    "使用燃气热水器的家庭要装在室外或通风良好的地方，严防一氧化碳中毒。\n"
    "四、家庭防火。教育孩子不玩火，打火机、火柴放在孩子拿不到的地方。祭祀、烧纸请到指定地点，不在楼道、绿化带焚烧。"
    "不在阳台堆放纸箱、旧家具等杂物，家中可备一具灭火器、一条逃生绳和一只手电筒。\n"
    "五、保持通道畅通。楼道、消防通道、安全出口是生命通道，请不要堆放杂物、停放车辆，不要锁闭安全出口。"
    "红小二将联合物业每周巡查一次，对占用通道的物品先提醒、后清理，请大家理解配合。\n"
    "六、遇到火灾怎么办。发现火情立即拨打119，说清楚小区名称、楼栋、门牌和着火物品。火势小的可用灭火器扑救；"
    "火势大时不要贪恋财物，用湿毛巾捂住口鼻，弯腰低姿沿疏散楼梯撤离，千万不要乘坐电梯。"
    "被困时关紧房门，用湿毛巾堵住门缝，到阳台或窗口呼救，等待救援。\n"
    "七、关爱独居老人。家中有独居、高龄或行动不便老人的，请告诉所在网格的红小二，我们将上门检查用电用气，"
    "必要时免费安装独立式烟感报警器。\n"
    "12月19日上午，白花社区将举行高层住宅疏散演练，欢迎大家参加。对消防安全有疑问或发现隐患，"
    "可以在本屏幕一键呼叫党员，或拨打12345反映。\n"
    "让我们共同筑牢冬季防火墙，平平安安过冬天！\n"
    "光明街道消防安全委员会\n"
    "2026年11月15日";

const NoticeText notice_texts[] = {
    {"停水通知：碧眼片区11月26日计划停水", NoticePriority::urgent, 11, 24, 8, 11, 27, 0,
     "因市政供水管道改造施工，11月26日（星期四）8:00至20:00，碧眼第一至第八网格范围内各小区将暂停供水，"
     "恢复供水初期水质可能略有浑浊，放水片刻即可。请大家提前储水。\n"
     "行动不便的老人需要送水的，可以在本屏幕一键呼叫党员，或联系所在网格的红小二。停水期间社区党群服务中心门口设临时取水点。"},
    {"冬季消防安全告居民书", NoticePriority::high, 11, 15, 0, 12, 31, 23, winter_fire_safety},
    {"第四季度联席会议征集议题", NoticePriority::high, 11, 20, 0, 12, 10, 0,
     "各社区第四季度联席会议将于12月上中旬召开。停车、加装电梯、噪音、环境卫生等您关心的问题，"
     "欢迎在支部接待日当面提出，或扫码留言，我们将逐条答复。"},
    {"高龄津贴年审开始办理", NoticePriority::high, 11, 1, 0, 12, 31, 23,
     "2026年度高龄津贴年审已开始，请80岁以上老人或家属携带身份证、户口本到社区党群服务中心综合窗口办理。"
     "行动不便的老人可预约红小二上门办理，12月31日截止。"},
    {"爱心饭堂冬季午餐加汤", NoticePriority::normal, 11, 1, 0, 12, 31, 23,
     "自11月起，爱心饭堂周三、周五中午加一道汤。需要送餐上门的，请提前一天17:00前登记。"},
    {"长者免费体检预约", NoticePriority::normal, 11, 18, 0, 12, 5, 0,
     "12月1日在观光社区健康服务中心为65岁以上长者免费体检，每天限100人，请到服务中心一楼或在本屏幕扫码预约。"},
    {"谨防冒充医保局的电话诈骗", NoticePriority::high, 11, 10, 0, 12, 10, 0,
     "近期有骗子冒充医保局工作人员，以医保账户出了问题为由，要求安装App、共享屏幕或转账。"
     "医保部门不会电话要求转账，接到此类电话请立即挂断，拿不准的先问网格红小二或拨打96110。"},
    {"12月电梯维保时间安排", NoticePriority::normal, 12, 1, 0, 12, 10, 0,
     "12月2日至9日，物业将分楼栋对电梯进行年度维保，每部电梯停用约2小时，具体时间见各楼栋公告栏。"},
    {"流感疫苗免费接种", NoticePriority::normal, 10, 15, 0, 11, 20, 0,
     "60岁以上户籍老人可免费接种流感疫苗，请携带身份证到社区健康服务中心接种。"},
    {"国庆假期服务时间调整", NoticePriority::normal, 9, 28, 0, 10, 8, 0,
     "国庆假期期间社区党群服务中心10月1日至3日闭馆，4日起正常开放；爱心饭堂照常供餐，紧急事项请一键呼叫。"},
};

}  // namespace

std::vector<content::Notice> make_notices() {
    std::vector<content::Notice> notices;
    for (const NoticeText& text : notice_texts) {
        content::Notice notice;
        const std::string number = std::to_string(notices.size() + 1);
        notice.id = "n-" + std::string(3 - number.size(), '0') + number;
        notice.title = text.title;
        notice.body = text.body;
        notice.priority = text.priority;
        notice.valid_from = beijing_time(2026, static_cast<unsigned>(text.from_month),
                                         static_cast<unsigned>(text.from_day), text.from_hour);
        notice.valid_to =
            beijing_time(2026, static_cast<unsigned>(text.to_month), static_cast<unsigned>(text.to_day), text.to_hour);
        notices.push_back(std::move(notice));
    }
    return notices;
}

}  // namespace redgrid::demo
