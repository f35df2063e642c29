#include "demo_people.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace redgrid::demo {
namespace {

// Common surnames, the most frequent ones (and those common in Guangdong) repeated
// so they turn up about as often as they do in a real neighbourhood.
const std::vector<std::string> surnames = {
    "王", "王", "李", "李", "张", "张", "刘", "刘", "陈", "陈", "陈", "林", "林", "黄", "黄", "杨",
    "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "何", "高", "罗", "郑", "梁", "梁",
    "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹", "曾", "彭", "蔡", "潘", "田", "董", "袁", "叶",
    "蒋", "杜", "苏", "魏", "程", "吕", "丁", "沈", "任", "姚", "卢", "钟", "姜", "崔", "谭", "廖",
    "范", "汪", "陆", "金", "石", "赖", "邱", "方", "侯", "邹", "熊", "孟", "秦", "江", "龚", "莫",
};

// Given names across the generations who volunteer: retirees, working adults and a
// few young people; one- and two-character names.
const std::vector<std::string> given_names = {
    "建国", "国强", "秀英", "桂兰", "淑芬", "玉梅", "志明", "卫东", "红梅", "建华", "美玲", "秀珍",
    "德明", "金凤", "永福", "玉兰", "春生", "桂芳", "振华", "丽萍", "海燕", "丽娟", "晓东", "志强",
    "伟", "勇", "军", "敏", "静", "燕", "磊", "涛", "斌", "辉", "丽", "芳", "娜", "霞", "丹", "杰",
    "鹏", "刚", "平", "华", "文军", "小红", "晓燕", "建平", "惠玲", "少华", "国华", "锦华", "家明",
    "伟强", "嘉欣", "咏梅", "少芬", "志伟", "俊杰", "子轩", "浩然", "欣怡", "梓涵", "雨桐", "思远",
    "嘉豪", "佳琪", "宇航", "文博", "一鸣", "婉婷", "诗雨", "家乐", "振宇", "晓彤", "晨曦", "立新",
    "爱华", "秋菊", "冬梅", "雪梅", "小平", "卫红", "海涛", "国庆", "红霞", "丽君", "志刚", "文华",
};

// Mobile prefixes of the three operators; the middle four digits are always masked.
const std::vector<std::string> phone_prefixes = {"134", "135", "136", "137", "138", "139", "150", "151",
                                                 "152", "158", "159", "182", "186", "187", "188", "189",
                                                 "133", "153", "180", "177", "199", "131", "132", "155"};

content::Role pick_role(Rng& rng) {
    // Servers are the many hands; the other roles are spread evenly.
    const double r = rng.unit();
    if (r < 0.30) return content::Role::server;
    if (r < 0.47) return content::Role::liaison;
    if (r < 0.65) return content::Role::mediator;
    if (r < 0.83) return content::Role::governance;
    return content::Role::publicity;
}

std::string padded(std::size_t n, int width) {
    std::string digits = std::to_string(n);
    return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))), '0') + digits;
}

std::size_t team_size(Rng& rng) {
    const double r = rng.unit();
    if (r < 0.10) return 3;
    if (r < 0.40) return 4;
    if (r < 0.75) return 5;
    return 6;
}

}  // namespace

DemoPeople make_people(const DemoMap& map, Rng& rng) {
    // 16 of the 48 grids (the busier estates) get a second team: 64 teams in all.
    std::vector<std::size_t> order(map.grids.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    std::vector<int> teams_in_grid(map.grids.size(), 1);
    for (std::size_t i = 0; i < 16; ++i) teams_in_grid[order[i]] = 2;

    DemoPeople people;
    std::set<std::string> used_names;
    std::vector<int> teams_in_community(map.communities.size(), 0);
    for (std::size_t g = 0; g < map.grids.size(); ++g) {
        const content::Grid& grid = map.grids[g];
        std::size_t community = 0;
        while (map.communities[community].id != grid.community_id) ++community;
        for (int t = 0; t < teams_in_grid[g]; ++t) {
            content::Team team;
            team.id = "t-" + padded(people.teams.size() + 1, 3);
            team.name = "红小二·" + map.community_short_names[community] +
                        chinese_numeral(++teams_in_community[community]) + "队";
            team.grid_id = grid.id;
            const std::size_t size = team_size(rng);
            for (std::size_t k = 0; k < size; ++k) {
                content::Member member;
                member.id = "m-" + padded(people.members.size() + 1, 4);
                do {
                    member.name = rng.pick(surnames) + rng.pick(given_names);
                } while (!used_names.insert(member.name).second);
                const bool leader = k == 0;
                // Leaders are the team's full-time grid member and its usual contact.
                member.role = leader ? (rng.chance(0.7) ? content::Role::liaison : content::Role::governance)
                                     : pick_role(rng);
                member.team_id = team.id;
                member.full_time = leader || rng.chance(0.15);
                member.on_duty = rng.chance(member.full_time ? 0.6 : 0.3);
                member.phone_masked = rng.pick(phone_prefixes) + "****" + padded(rng.below(10000), 4);
                // Members who share their location on duty; others show no marker.
                if (member.on_duty || rng.chance(0.3)) member.position = point_inside(grid, rng);
                member.contact_url = "https://example.invalid/m/" + member.id;
                if (leader) team.leader_id = member.id;
                team.member_ids.push_back(member.id);
                people.members.push_back(std::move(member));
            }
            people.teams.push_back(std::move(team));
        }
    }
    if (people.teams.size() < 60 || people.members.size() < 240)
        throw std::logic_error("demo people: too few teams or members for the demo's promises");
    return people;
}

const content::Grid& grid_of_member(const DemoMap& map, const DemoPeople& people, const content::Member& member) {
    for (const auto& team : people.teams)
        if (team.id == member.team_id) return grid_by_id(map, team.grid_id);
    throw std::out_of_range("demo people: no team " + member.team_id);
}

}  // namespace redgrid::demo
