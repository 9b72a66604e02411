<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>The card was removed during the test</source>
        <translation>检查过程中卡被拔出来了</translation>
    </message>
    <message>
        <source>The card does not answer</source>
        <translation>卡没有反应</translation>
    </message>
    <message>
        <source>The card is in use by another program</source>
        <translation>这张卡正被另一个程序使用</translation>
    </message>
    <message>
        <source>The card could not be checked: smart-card error {code}</source>
        <translation>无法检查这张卡：智能卡服务报错 {code}</translation>
    </message>
    <message>
        <source>The smart-card service does not answer</source>
        <translation>电脑的读卡服务没有反应</translation>
    </message>
    <message>
        <source>The card&apos;s chip gives invalid answers</source>
        <translation>卡的芯片返回的数据不对</translation>
    </message>
    <message>
        <source>No card was inserted within {wait_s:g} s</source>
        <translation>{wait_s:g} 秒内没有插卡</translation>
    </message>
    <message>
        <source>The card answers but is not a payment card</source>
        <translation>能读到这张卡，但它不是银行卡</translation>
    </message>
    <message>
        <source>Payment card works</source>
        <translation>银行卡读取正常</translation>
    </message>
    <message>
        <source>Payment card works: {app}</source>
        <translation>银行卡读取正常：{app}</translation>
    </message>
    <message>
        <source>Payment card works, but its chip&apos;s ATR has errors</source>
        <translation>银行卡可以读取，但芯片的应答信息（ATR）有错误</translation>
    </message>
    <message>
        <source>Card reader ready: {reader}</source>
        <translation>读卡器已就绪：{reader}</translation>
    </message>
    <message>
        <source>Card reader “{hint}” is not connected</source>
        <translation>读卡器“{hint}”没有连接</translation>
    </message>
    <message>
        <source>No card reader is connected</source>
        <translation>没有连接读卡器</translation>
    </message>
    <message>
        <source>The smart-card service is not running</source>
        <translation>电脑的读卡服务没有运行</translation>
    </message>
    <message>
        <source>No card reader is plugged in (the smart-card service stopped)</source>
        <translation>电脑上没有插读卡器（智能卡服务已停止）</translation>
    </message>
    <message>
        <source>The payment host {host} in the settings is not a valid host and port</source>
        <translation>设置里的支付服务器 {host} 写得不对（应为“地址:端口”）</translation>
    </message>
    <message>
        <source>Cannot look up {name}: the name does not exist</source>
        <translation>{name} 域名解析失败：这个域名不存在</translation>
    </message>
    <message>
        <source>Cannot look up {name}: DNS did not answer in time</source>
        <translation>{name} 域名解析失败：域名解析服务器（DNS）没有及时回应</translation>
    </message>
    <message>
        <source>Cannot look up {name}: the DNS server failed</source>
        <translation>{name} 域名解析失败：域名解析服务器（DNS）出错</translation>
    </message>
    <message>
        <source>Cannot look up {name}: the name has no address</source>
        <translation>{name} 域名解析失败：这个域名没有对应的地址</translation>
    </message>
    <message>
        <source>Cannot look up {name}: DNS failed</source>
        <translation>{name} 域名解析失败</translation>
    </message>
    <message>
        <source>No host names to look up</source>
        <translation>没有需要解析的域名</translation>
    </message>
    <message>
        <source>Looking up the payment host&apos;s name</source>
        <translation>正在解析支付服务器的域名</translation>
    </message>
    <message>
        <source>Looking up {count} names</source>
        <translation>正在解析 {count} 个域名</translation>
    </message>
    <message>
        <source>The DNS servers in the settings are not IP addresses</source>
        <translation>设置里的域名解析服务器（DNS）不是有效的 IP 地址</translation>
    </message>
    <message>
        <source>Cannot look up {failed} of {total} payment host names</source>
        <translation>{total} 个支付服务器域名中，有 {failed} 个解析失败</translation>
    </message>
    <message>
        <source>Looking up names is slow ({ms:.0f} ms)</source>
        <translation>域名解析比较慢（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>The payment host names resolve ({ms:.0f} ms)</source>
        <translation>支付服务器域名解析正常（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>This PC connects without a router in between</source>
        <translation>这台电脑没有经过路由器，直接连接网络</translation>
    </message>
    <message>
        <source>This PC does not know its router (no default gateway)</source>
        <translation>这台电脑找不到路由器（没有默认网关）</translation>
    </message>
    <message>
        <source>The router address {gateway!r} in the settings is not an IP address</source>
        <translation>设置里的路由器地址 {gateway!r} 不是有效的 IP 地址</translation>
    </message>
    <message>
        <source>The router {gateway} answers</source>
        <translation>路由器 {gateway} 有回应</translation>
    </message>
    <message>
        <source>The router {gateway} does not answer: check that it is switched on and connected</source>
        <translation>路由器 {gateway} 没有回应：请检查路由器有没有开、网线有没有插好</translation>
    </message>
    <message>
        <source>A login page (captive portal) answered instead of the internet</source>
        <translation>打开的是一个登录页面，不是互联网（这个网络要先登录才能上网）</translation>
    </message>
    <message>
        <source>The internet check address is not a web address</source>
        <translation>用来检查互联网的地址不是有效的网址</translation>
    </message>
    <message>
        <source>No internet: no answer in time</source>
        <translation>上不了网：等了很久没有回应</translation>
    </message>
    <message>
        <source>No internet: the proxy server cannot be reached</source>
        <translation>上不了网：连不上代理服务器</translation>
    </message>
    <message>
        <source>No internet: {host} could not be looked up</source>
        <translation>上不了网：{host} 域名解析失败</translation>
    </message>
    <message>
        <source>No internet: {host} cannot be reached</source>
        <translation>上不了网：连不上 {host}</translation>
    </message>
    <message>
        <source>No internet: the answer was broken</source>
        <translation>上不了网：收到的回应不完整或有错误</translation>
    </message>
    <message>
        <source>No internet: the check page answered with error {status}</source>
        <translation>上不了网：检查用的网页返回了错误 {status}</translation>
    </message>
    <message>
        <source>The internet answers ({ms:.0f} ms)</source>
        <translation>互联网连接正常（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>Network adapter {name} was not found on this PC</source>
        <translation>这台电脑上找不到网卡 {name}</translation>
    </message>
    <message>
        <source>Network adapter {name} is switched off</source>
        <translation>网卡 {name} 被关掉了</translation>
    </message>
    <message>
        <source>Network adapter {name} has no connection: check the cable or the Wi-Fi</source>
        <translation>网卡 {name} 没有连上：请检查网线或 Wi-Fi</translation>
    </message>
    <message>
        <source>Network adapter {name} is connected but got no address from the router</source>
        <translation>网卡 {name} 已连上，但没有从路由器拿到地址</translation>
    </message>
    <message>
        <source>Network adapter {name} is connected</source>
        <translation>网卡 {name} 已连上</translation>
    </message>
    <message>
        <source>No network adapter is connected: check the cable or the Wi-Fi</source>
        <translation>没有一个网卡连上网络：请检查网线或 Wi-Fi</translation>
    </message>
    <message>
        <source>Connected, but this PC has no way out to the network (no default gateway)</source>
        <translation>已连上，但这台电脑没有通往外网的出口（没有默认网关）</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: the name could not be looked up</source>
        <translation>支付服务器 {host} 没有回应：域名解析失败</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: no answer in time</source>
        <translation>支付服务器 {host} 没有回应：等待超时</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: the connection was refused</source>
        <translation>支付服务器 {host} 没有回应：连接被拒绝</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: the connection was cut</source>
        <translation>支付服务器 {host} 没有回应：连接被中断</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: it cannot be reached from this network</source>
        <translation>支付服务器 {host} 没有回应：从这个网络连不过去</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: the secure connection failed</source>
        <translation>支付服务器 {host} 没有回应：安全连接失败</translation>
    </message>
    <message>
        <source>Payment host {host} does not answer: the connection failed</source>
        <translation>支付服务器 {host} 没有回应：连接失败</translation>
    </message>
    <message>
        <source>No payment hosts are configured</source>
        <translation>还没有设置支付服务器</translation>
    </message>
    <message>
        <source>{failed} of {total} payment hosts do not answer</source>
        <translation>{total} 个支付服务器中，有 {failed} 个没有回应</translation>
    </message>
    <message>
        <source>The payment hosts answer slowly ({ms:.0f} ms)</source>
        <translation>支付服务器回应比较慢（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>Some connections to the payment hosts were lost ({loss:.0f}%)</source>
        <translation>和支付服务器的连接时断时续（丢失 {loss:.0f}%）</translation>
    </message>
    <message>
        <source>The payment hosts answer ({ms:.0f} ms)</source>
        <translation>支付服务器回应正常（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>{failed} of {total} payment hosts fail the secure connection check</source>
        <translation>{total} 个支付服务器中，有 {failed} 个安全连接（证书）检查没有通过</translation>
    </message>
    <message>
        <source>Secure connections to the payment hosts work</source>
        <translation>和支付服务器的安全连接正常</translation>
    </message>
    <message>
        <source>No secure connection to {host}: the name could not be looked up</source>
        <translation>无法和 {host} 建立安全连接：域名解析失败</translation>
    </message>
    <message>
        <source>No secure connection to {host}: no answer in time</source>
        <translation>无法和 {host} 建立安全连接：等待超时</translation>
    </message>
    <message>
        <source>No secure connection to {host}: the connection was refused</source>
        <translation>无法和 {host} 建立安全连接：连接被拒绝</translation>
    </message>
    <message>
        <source>No secure connection to {host}: the connection was cut</source>
        <translation>无法和 {host} 建立安全连接：连接被中断</translation>
    </message>
    <message>
        <source>No secure connection to {host}: it cannot be reached from this network</source>
        <translation>无法和 {host} 建立安全连接：从这个网络连不过去</translation>
    </message>
    <message>
        <source>No secure connection to {host}: the secure connection failed</source>
        <translation>无法和 {host} 建立安全连接：证书或加密握手失败</translation>
    </message>
    <message>
        <source>No secure connection to {host}: the connection failed</source>
        <translation>无法和 {host} 建立安全连接：连接失败</translation>
    </message>
    <message>
        <source>The security certificate of {host} expired on {day}</source>
        <translation>{host} 的安全证书已在 {day} 过期</translation>
    </message>
    <message>
        <source>The security certificate of {host} expired</source>
        <translation>{host} 的安全证书已经过期</translation>
    </message>
    <message>
        <source>The security certificate of {host} is not valid yet: check this PC&apos;s date</source>
        <translation>{host} 的安全证书还没到生效时间：请检查这台电脑的日期对不对</translation>
    </message>
    <message>
        <source>{host} presented a security certificate for a different name</source>
        <translation>{host} 出示的安全证书属于别的域名</translation>
    </message>
    <message>
        <source>{host} presented a security certificate this PC does not trust</source>
        <translation>{host} 出示的安全证书不被这台电脑信任</translation>
    </message>
    <message>
        <source>The security certificate of {host} expires within a day</source>
        <translation>{host} 的安全证书一天之内就要到期</translation>
    </message>
    <message>
        <source>The security certificate of {host} expires in 1 day</source>
        <translation>{host} 的安全证书还有 1 天到期</translation>
    </message>
    <message>
        <source>The security certificate of {host} expires in {days} days</source>
        <translation>{host} 的安全证书还有 {days} 天到期</translation>
    </message>
    <message>
        <source>Secure connections to {host} are slow ({ms:.0f} ms)</source>
        <translation>和 {host} 建立安全连接比较慢（{ms:.0f} 毫秒）</translation>
    </message>
    <message>
        <source>larger than {limit}; not read in full</source>
        <translation>超过 {limit}，没有全部读取</translation>
    </message>
    <message>
        <source>larger than {limit} ({size})</source>
        <translation>超过 {limit}（实际 {size}）</translation>
    </message>
    <message>
        <source>the server answered with error {status}</source>
        <translation>服务器返回了错误 {status}</translation>
    </message>
    <message>
        <source>cannot connect to the proxy: {error}</source>
        <translation>连不上代理服务器：{error}</translation>
    </message>
    <message>
        <source>cannot connect to {host}: {error}</source>
        <translation>连不上 {host}：{error}</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>网址跳转次数太多</translation>
    </message>
    <message>
        <source>not a valid address: {error}</source>
        <translation>网址无效：{error}</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器断开了连接</translation>
    </message>
    <message>
        <source>the download was cut off</source>
        <translation>下载到一半中断了</translation>
    </message>
    <message>
        <source>the download failed: {error}</source>
        <translation>下载失败：{error}</translation>
    </message>
    <message>
        <source>unknown format (not Statuspage JSON, RSS/Atom, iCalendar or a web page)</source>
        <translation>格式无法识别（不是 Statuspage JSON、RSS/Atom、iCalendar，也不是网页）</translation>
    </message>
    <message>
        <source>its content could not be read</source>
        <translation>内容无法读取</translation>
    </message>
    <message>
        <source>the compressed download is damaged</source>
        <translation>下载的压缩数据已损坏</translation>
    </message>
    <message>
        <source>the server used an unsupported compression ({encoding})</source>
        <translation>服务器用了不支持的压缩方式（{encoding}）</translation>
    </message>
    <message>
        <source>the feed is empty</source>
        <translation>内容是空的</translation>
    </message>
    <message>
        <source>not an iCalendar feed (no VCALENDAR)</source>
        <translation>不是 iCalendar 格式（没有 VCALENDAR）</translation>
    </message>
    <message>
        <source>not a valid iCalendar file</source>
        <translation>不是有效的 iCalendar 日历文件</translation>
    </message>
    <message>
        <source>No notice feeds configured for {provider}</source>
        <extracomment>An announcement page is fetched at most this often; meanwhile its cached copy is read (the window re-checks every 30 s during an incident; a bank&apos;s website is not a feed).</extracomment>
        <translation>还没有设置{provider}的维护通知来源</translation>
    </message>
    <message>
        <source>Reading the notice feed</source>
        <translation>正在读取维护通知来源</translation>
    </message>
    <message>
        <source>Reading {count} notice feeds</source>
        <translation>正在读取 {count} 个维护通知来源</translation>
    </message>
    <message>
        <source>Read the notice feed</source>
        <translation>已读取维护通知来源</translation>
    </message>
    <message>
        <source>a web page came instead of the feed</source>
        <translation>拿到的是一个网页，不是通知源（可能是出错页面）</translation>
    </message>
    <message>
        <source>no answer within {timeout_s:g} s</source>
        <translation>{timeout_s:g} 秒内没有回应</translation>
    </message>
    <message>
        <source>the page has nothing to read</source>
        <extracomment>An announcement without a readable time is worth mentioning while this recent.</extracomment>
        <translation>这个网页上没有可读的内容</translation>
    </message>
    <message>
        <source>reading it took longer than {timeout_s:g} s</source>
        <extracomment>Reading a downloaded feed or page: CPU work in a worker thread, never on the Qt loop.</extracomment>
        <translation>读取超过了 {timeout_s:g} 秒</translation>
    </message>
    <message>
        <source>an announcement could not be read: {reason}</source>
        <translation>有一条公告读不了：{reason}</translation>
    </message>
    <message>
        <source>{count} announcements could not be read: {reason}</source>
        <translation>有 {count} 条公告读不了：{reason}</translation>
    </message>
    <message>
        <source>{provider} maintenance in progress, end not announced</source>
        <translation>{provider}正在维护，还没公布结束时间</translation>
    </message>
    <message>
        <source>{provider} maintenance running late (planned end {end})</source>
        <translation>{provider}的维护超时了，还没结束（原定结束时间：{end}）</translation>
    </message>
    <message>
        <source>{provider} maintenance in progress until {end}</source>
        <translation>{provider}正在维护，预计结束时间：{end}</translation>
    </message>
    <message>
        <source>{provider} maintenance planned {span}</source>
        <translation>{provider}计划维护：{span}</translation>
    </message>
    <message>
        <source>{provider} posted a maintenance notice {age} without a time; read it</source>
        <translation>{provider}发布了一条没写时间的维护通知（{age}），请打开看一下</translation>
    </message>
    <message>
        <source>No maintenance announced by {provider}</source>
        <translation>{provider}没有发布维护通知</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation>{first}；{second}</translation>
    </message>
    <message>
        <source>{provider} reports a major outage in progress</source>
        <translation>{provider}通知：正在发生重大故障</translation>
    </message>
    <message>
        <source>{provider} reports a critical outage in progress</source>
        <translation>{provider}通知：正在发生严重故障</translation>
    </message>
    <message>
        <source>{provider} reports a {impact} outage in progress</source>
        <translation>{provider}通知：正在发生故障（{impact}）</translation>
    </message>
    <message>
        <source>{clause}. Source: “{sentence}” ({title}, published {published})</source>
        <translation>{clause}。来源：“{sentence}”（{title}，{published}发布）</translation>
    </message>
    <message>
        <source>{clause}. Source: “{sentence}” ({title})</source>
        <translation>{clause}。来源：“{sentence}”（{title}）</translation>
    </message>
    <message>
        <source>Feed &apos;{feed}&apos; could not be read: {reason}</source>
        <translation>维护通知来源“{feed}”读取失败：{reason}</translation>
    </message>
    <message>
        <source>Feed &apos;{feed}&apos; could not be read: {reason} (using notices last checked {age})</source>
        <translation>维护通知来源“{feed}”读取失败：{reason}（暂时使用{age}查到的通知）</translation>
    </message>
    <message>
        <source>&apos;{feed}&apos; ({reason})</source>
        <translation>“{feed}”（{reason}）</translation>
    </message>
    <message>
        <source>&apos;{feed}&apos; ({reason} (using notices last checked {age}))</source>
        <translation>“{feed}”（{reason}，暂时使用{age}查到的通知）</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}、{rest}</translation>
    </message>
    <message>
        <source>{count} feeds could not be read: {feeds}</source>
        <translation>{count} 个维护通知来源读取失败：{feeds}</translation>
    </message>
    <message>
        <source>today {clock}</source>
        <translation>今天 {clock}</translation>
    </message>
    <message>
        <source>tomorrow {clock}</source>
        <translation>明天 {clock}</translation>
    </message>
    <message>
        <source>yesterday {clock}</source>
        <translation>昨天 {clock}</translation>
    </message>
    <message>
        <source>{date.day} {date:%b} {clock}</source>
        <translation>{date.month}月{date.day}日 {clock}</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>今晚 24:00</translation>
    </message>
    <message>
        <source>from {start}, end not announced</source>
        <translation>{start} 开始，还没公布结束时间</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>{minutes}分钟前</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>{hours}小时前</translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation>{days}天前</translation>
    </message>
    <message>
        <source>not valid JSON (not UTF-8 text)</source>
        <translation>不是有效的 JSON（不是 UTF-8 文本）</translation>
    </message>
    <message>
        <source>not valid JSON (line {line})</source>
        <translation>不是有效的 JSON（第 {line} 行）</translation>
    </message>
    <message>
        <source>not a Statuspage feed (no incidents or scheduled_maintenances)</source>
        <translation>不是 Statuspage 格式（没有 incidents 或 scheduled_maintenances）</translation>
    </message>
    <message>
        <source>not valid XML (line {line})</source>
        <translation>不是有效的 XML（第 {line} 行）</translation>
    </message>
    <message>
        <source>not valid XML</source>
        <translation>不是有效的 XML</translation>
    </message>
    <message>
        <source>not an RSS or Atom feed</source>
        <translation>不是 RSS 或 Atom 格式</translation>
    </message>
    <message>
        <source>No answer within {timeout_s:g} s</source>
        <translation>{timeout_s:g} 秒内没有回应</translation>
    </message>
    <message>
        <source>The check could not run: an unexpected error (see the details)</source>
        <translation>检查没能进行：发生了意外错误（见详情）</translation>
    </message>
    <message>
        <source>Terminal port {conn} not found: check the terminal&apos;s USB cable</source>
        <translation>找不到POS机的连接端口 {conn}：请检查POS机的 USB 线</translation>
    </message>
    <message>
        <source>Another program is using {conn}: close it and check again</source>
        <translation>另一个程序正在使用 {conn}：请关掉那个程序，再检查一次</translation>
    </message>
    <message>
        <source>This computer user may not open {conn}: ask IT for access</source>
        <translation>当前电脑账户没有权限打开 {conn}：请找负责电脑的同事开通权限</translation>
    </message>
    <message>
        <source>{terminal} refused the connection: is it switched on?</source>
        <translation>{terminal}拒绝了连接：它开机了吗？</translation>
    </message>
    <message>
        <source>{terminal} does not respond on the network</source>
        <translation>{terminal}在网络上没有回应</translation>
    </message>
    <message>
        <source>The network address of {terminal} is unknown</source>
        <translation>找不到{terminal}的网络地址</translation>
    </message>
    <message>
        <source>Could not open the terminal&apos;s port {conn}</source>
        <translation>打不开POS机的连接端口 {conn}</translation>
    </message>
    <message>
        <source>The terminal does not answer: check that it is on and plugged in</source>
        <translation>POS机没有回应：请检查POS机有没有开机、线有没有插好</translation>
    </message>
    <message>
        <source>The terminal refused the check: it may be busy</source>
        <translation>POS机拒绝了检查：可能正在忙</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is unreadable: check the cable and speed ({baud})</source>
        <translation>POS机的回应看不懂：请检查连接线和通讯速率（{baud}）</translation>
    </message>
    <message>
        <source>The terminal did not accept the status request</source>
        <translation>POS机没有接受状态查询</translation>
    </message>
    <message>
        <source>The terminal rejected the status request</source>
        <translation>POS机拒绝了状态查询</translation>
    </message>
    <message>
        <source>The terminal answers but does not report its status</source>
        <translation>POS机有回应，但没有报告自己的状态</translation>
    </message>
    <message>
        <source>The terminal&apos;s status reply is unreadable: check the cable and speed</source>
        <translation>POS机报告的状态看不懂：请检查连接线和通讯速率</translation>
    </message>
    <message>
        <source>The terminal&apos;s status reply stopped half way</source>
        <translation>POS机报告状态时中途断了</translation>
    </message>
    <message>
        <source>The terminal&apos;s status reply arrived damaged twice: check the cable</source>
        <translation>POS机报告的状态连续两次出错：请检查连接线</translation>
    </message>
    <message>
        <source>The connection to the terminal was lost during the check</source>
        <translation>检查过程中和POS机的连接断了</translation>
    </message>
    <message>
        <source>The terminal&apos;s port stopped responding</source>
        <translation>POS机的连接端口没有反应了</translation>
    </message>
    <message>
        <source>The terminal answers and reports it is ready</source>
        <translation>POS机有回应，状态正常，可以使用</translation>
    </message>
    <message>
        <source>The terminal reports it is under maintenance</source>
        <translation>POS机报告自己“在维护中”</translation>
    </message>
    <message>
        <source>The terminal reports a fault</source>
        <translation>POS机报告有故障</translation>
    </message>
    <message>
        <source>The terminal is busy with a payment: check again in a minute</source>
        <translation>POS机正在处理一笔交易：请过一分钟再检查</translation>
    </message>
    <message>
        <source>The terminal is signed out: sign in on the terminal</source>
        <translation>POS机已签退：请在POS机上重新签到</translation>
    </message>
    <message>
        <source>The terminal is not connected to this computer</source>
        <translation>这台POS机没有连接到这台电脑</translation>
    </message>
    <message>
        <source>The terminal check failed (see the details)</source>
        <translation>POS机检查没有通过（见详情）</translation>
    </message>
    <message>
        <source>The terminal answers</source>
        <translation>POS机有回应</translation>
    </message>
    <message>
        <source>The terminal&apos;s port opens</source>
        <translation>POS机的连接端口能打开</translation>
    </message>
    <message>
        <source>The terminal&apos;s status reply was not recognised</source>
        <translation>POS机报告的状态无法识别</translation>
    </message>
    <message>
        <source>The terminal reports: {meaning}</source>
        <translation>POS机报告：{meaning}</translation>
    </message>
    <message>
        <source>The terminal is on {found}, not {conn}: update the port setting</source>
        <translation>POS机接在 {found} 上，不是 {conn}：请修改端口设置</translation>
    </message>
    <message>
        <source>The terminal restarted and was back after {back_s:.0f} s</source>
        <translation>POS机已重启，{back_s:.0f} 秒后恢复连接</translation>
    </message>
    <message>
        <source>The terminal never went offline: maybe it was not restarted</source>
        <translation>POS机一直没有断开：可能并没有重启</translation>
    </message>
    <message>
        <source>The terminal did not come back within {deadline_s:g} s</source>
        <translation>POS机在 {deadline_s:g} 秒内没有恢复连接</translation>
    </message>
    <message>
        <source>The provider announced maintenance now. Do not restart the terminal: switch to the backup device or another payment method until the window ends.</source>
        <translation>支付公司正在维护。请不要重启POS机。维护结束前，请改用备用POS机或其他方式收款。</translation>
    </message>
    <message>
        <source>The PC&apos;s network cable or Wi-Fi has no link. Check the cable at both ends and the router&apos;s LAN lights.</source>
        <translation>电脑的网线或 Wi-Fi 没有连上。请检查网线两头是否插紧，再看看路由器上的 LAN 灯。</translation>
    </message>
    <message>
        <source>The router does not answer. Check its power and lights; restart it.</source>
        <translation>路由器没有回应。请检查路由器的电源和指示灯，然后重启路由器。</translation>
    </message>
    <message>
        <source>Names of the payment servers do not resolve. Restart the router; if it persists, call the internet provider.</source>
        <translation>支付服务器的域名解析失败（找不到服务器的地址）。请重启路由器；如果还不行，请打电话给宽带公司。</translation>
    </message>
    <message>
        <source>The shop has no internet access. Check the modem&apos;s internet/WAN light.</source>
        <translation>店里上不了网。请看一下光猫上的互联网/WAN 灯。</translation>
    </message>
    <message>
        <source>The till PC has no internet access, so it cannot tell whether the provider&apos;s servers answer. This terminal does not use the shop&apos;s network: check its own connection.</source>
        <translation>收银电脑上不了网，所以看不出支付公司的服务器能不能连上。这台POS机不走店里的网络：请检查它自己的联网。</translation>
    </message>
    <message>
        <source>The payment server cannot be reached. Call the payment provider.</source>
        <translation>连不上支付服务器。请打电话给支付公司。</translation>
    </message>
    <message>
        <source>The secure connection to the payment server fails (certificate or clock). Check the PC&apos;s date and time, then call the provider.</source>
        <translation>和支付服务器的安全连接失败（证书或时间不对）。请检查电脑的日期和时间，然后打电话给支付公司。</translation>
    </message>
    <message>
        <source>The payment server answers slowly or loses connections; transactions may time out. Retry, and tell the provider.</source>
        <translation>支付服务器回应慢或连接不稳定，交易可能会超时。请再试一次，并告诉支付公司。</translation>
    </message>
    <message>
        <source>The terminal&apos;s cable to the PC is not detected. Check the USB/serial cable and that the terminal is on.</source>
        <translation>检测不到POS机和电脑之间的连接线。请检查 USB 线或串口线，并确认POS机已经开机。</translation>
    </message>
    <message>
        <source>The terminal does not answer over its cable. Restart the terminal; if another program is using the port, close that program.</source>
        <translation>POS机通过数据线没有应答。请重启POS机；如果有别的程序占用了这个端口，请先关掉那个程序。</translation>
    </message>
    <message>
        <source>The terminal itself reports maintenance or an error. Restart it; if that does not help, check the cables and the router, and call the provider once the network is fine.</source>
        <translation>POS机自己报告“在维护中”或出错。请先重启POS机；重启没有用的话，检查网线和路由器；网络没问题再打电话给支付公司。</translation>
    </message>
    <message>
        <source>The terminal itself reports maintenance or an error. Restart it; if that does not help, check its Wi-Fi and the router, and call the provider once it is online.</source>
        <translation>POS机自己报告“在维护中”或出错。请先重启POS机；重启没有用的话，检查POS机的 Wi-Fi 和路由器；连上网以后还不行再打电话给支付公司。</translation>
    </message>
    <message>
        <source>The terminal itself reports maintenance or an error. Restart it; if that does not help, check its mobile signal and SIM card, and call the provider once it has signal.</source>
        <translation>POS机自己报告“在维护中”或出错。请先重启POS机；重启没有用的话，检查POS机的4G信号和SIM卡；有信号以后还不行再打电话给支付公司。</translation>
    </message>
    <message>
        <source>The terminal itself reports maintenance or an error. Restart it; if that does not help, check its telephone line, and call the provider once it dials through.</source>
        <translation>POS机自己报告“在维护中”或出错。请先重启POS机；重启没有用的话，检查POS机的电话线；能拨通以后还不行再打电话给支付公司。</translation>
    </message>
    <message>
        <source>The PC&apos;s smart-card service is not running. Restart the PC.</source>
        <translation>电脑的读卡服务没有运行。请重启电脑。</translation>
    </message>
    <message>
        <source>The card reader is not connected. Check its USB cable.</source>
        <translation>读卡器没有连接。请检查读卡器的 USB 线。</translation>
    </message>
    <message>
        <source>The incident database {path} is in use by another program and stayed locked. Close other posguide windows and try again; nothing was lost.</source>
        <translation>故障记录数据库 {path} 正被另一个程序占用。请关掉其他 posguide 窗口后再试一次；数据没有丢失。</translation>
    </message>
    <message>
        <source>posguide cannot write to {path}: the file or its folder is read-only for this account. Ask the manager to give this account write access (the installer does).</source>
        <translation>posguide 无法写入 {path}：当前电脑账户对这个文件或文件夹只有读取权限。请店长给这个账户开通写入权限（安装程序会自动设置）。</translation>
    </message>
    <message>
        <source>The disk is full ({free} MB free) where posguide keeps {path}: free some space and try again. Nothing saved before was lost.</source>
        <translation>保存 {path} 的磁盘已满（剩余 {free} MB）：请腾出一些空间后再试一次。之前保存的内容没有丢失。</translation>
    </message>
    <message>
        <source>The incident database {path} is a folder, not a file. Move that folder away (or start posguide with another data folder) and try again.</source>
        <translation>故障记录数据库 {path} 是一个文件夹，不是文件。请把这个文件夹移走（或者让 posguide 使用另一个数据文件夹）后再试一次。</translation>
    </message>
    <message>
        <source>The incident database {path} could not be used: {error}</source>
        <translation>故障记录数据库 {path} 无法使用：{error}</translation>
    </message>
    <message>
        <source>posguide could not use {path}: {error}</source>
        <translation>posguide 无法使用 {path}：{error}</translation>
    </message>
    <message>
        <source>The incident database {path} is damaged ({why}). It has not been changed. Restore the newest copy from the backups folder, or send the file to support.</source>
        <translation>故障记录数据库 {path} 已损坏（{why}），文件没有被改动。请用 backups 文件夹里最新的备份恢复，或者把这个文件发给技术支持。</translation>
    </message>
    <message>
        <source>{path} is not a posguide incident database: it belongs to another program. It has not been changed. Move it away, or start posguide with another data folder.</source>
        <translation>{path} 不是 posguide 的故障记录数据库，而是别的程序的文件，文件没有被改动。请把它移走，或者让 posguide 使用另一个数据文件夹。</translation>
    </message>
    <message>
        <source>posguide cannot read {path}: permission denied for this account. Ask the manager to give this account write access (the installer does).</source>
        <translation>posguide 无法读取 {path}：当前电脑账户没有权限。请店长给这个账户开通读写权限（安装程序会自动设置）。</translation>
    </message>
    <message>
        <source>The incident database {path} was written by a newer posguide (schema {version}, this one knows {known}). Update posguide; the file has not been changed.</source>
        <translation>故障记录数据库 {path} 是新版 posguide 写入的（数据格式版本 {version}，当前版本只认识到 {known}）。请升级 posguide；文件没有被改动。</translation>
    </message>
    <message>
        <source>This incident is closed and cannot be changed; add an amendment instead.</source>
        <translation>这条故障记录已经结束，不能再修改；请添加一条补充说明。</translation>
    </message>
    <message>
        <source>The incident database refused the change: {error}</source>
        <translation>故障记录数据库拒绝了这次修改：{error}</translation>
    </message>
    <message>
        <source>There is no photo {photo_id}.</source>
        <translation>没有第 {photo_id} 张照片。</translation>
    </message>
    <message>
        <source>There is no incident {incident_id}.</source>
        <translation>没有编号为 {incident_id} 的故障记录。</translation>
    </message>
    <message>
        <source>Incident {incident_id} is closed and cannot be changed; add an amendment instead.</source>
        <translation>故障记录 {incident_id} 已经结束，不能再修改；请添加一条补充说明。</translation>
    </message>
    <message>
        <source>There is no step {step_id}.</source>
        <translation>没有编号为 {step_id} 的步骤。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>The file could not be opened.</source>
        <translation>文件打不开。</translation>
    </message>
    <message>
        <source>The file is {size} MB, which is more than the limit of {limit} MB.</source>
        <translation>文件有 {size} MB，超过了 {limit} MB 的上限。</translation>
    </message>
    <message>
        <source>This file is not a photo in a supported format (accepted: {formats}).</source>
        <translation>这个文件不是支持的照片格式（支持：{formats}）。</translation>
    </message>
    <message>
        <source>The photo is damaged or incomplete and could not be read.</source>
        <translation>照片已损坏或不完整，读不出来。</translation>
    </message>
    <message>
        <source>The image has too many pixels to be processed safely (limit: {limit} megapixels).</source>
        <translation>图片像素太多，无法安全处理（上限：{limit} 百万像素）。</translation>
    </message>
    <message>
        <source>The image holds {size} MB of picture data, more than the {limit} MB that can be processed safely.</source>
        <translation>这张图片有 {size} MB 的像素数据，超过了能安全处理的 {limit} MB。</translation>
    </message>
    <message>
        <source>The photo is stored in more than {limit} progressive passes and cannot be processed safely.</source>
        <translation>这张照片分成了超过 {limit} 次渐进式扫描保存，无法安全处理。</translation>
    </message>
    <message>
        <source>The photo could not be processed within {seconds} seconds and was refused.</source>
        <translation>这张照片在 {seconds} 秒内没能处理完，已拒绝。</translation>
    </message>
    <message>
        <source>The photo needs more than {limit} MB of memory to process and was refused.</source>
        <translation>处理这张照片需要超过 {limit} MB 的内存，已拒绝。</translation>
    </message>
    <message>
        <source>Reading the card&apos;s chip</source>
        <translation>正在读取卡的芯片</translation>
    </message>
    <message>
        <source>Asking the card for its payment applications</source>
        <translation>正在查询卡上的支付应用</translation>
    </message>
    <message>
        <source>Looking for the card reader</source>
        <translation>正在查找读卡器</translation>
    </message>
    <message>
        <source>The card reader could not be checked: smart-card error {code}</source>
        <translation>无法检查读卡器：智能卡服务报错 {code}</translation>
    </message>
    <message>
        <source>Waiting for a card ({left:.0f} s left)</source>
        <translation>请插卡（还剩 {left:.0f} 秒）</translation>
    </message>
    <message>
        <source>Connecting to the smart-card service</source>
        <translation>正在连接电脑的读卡服务</translation>
    </message>
    <message>
        <source>Windows stops this service while no card reader is plugged in</source>
        <translation>没有插读卡器时，Windows 会自动停止这个服务</translation>
    </message>
    <message>
        <source>Looking for the router</source>
        <translation>正在查找路由器</translation>
    </message>
    <message>
        <source>Trying the router&apos;s ports</source>
        <translation>正在尝试连接路由器的端口</translation>
    </message>
    <message>
        <source>Ping {seq} of {attempts}</source>
        <translation>第 {seq} 次 ping，共 {attempts} 次</translation>
    </message>
    <message>
        <source>Contacting {host}</source>
        <translation>正在连接 {host}</translation>
    </message>
    <message>
        <source>Looking at the network adapter</source>
        <translation>正在检查网卡</translation>
    </message>
    <message>
        <source>{host}: connection {n} of {total}</source>
        <translation>{host}：第 {n} 次连接，共 {total} 次</translation>
    </message>
    <message>
        <source>Checking secure connections</source>
        <translation>正在检查安全连接</translation>
    </message>
    <message>
        <source>Read {done} of {total} feeds</source>
        <translation>已读取 {done}/{total} 个维护通知来源</translation>
    </message>
    <message>
        <source>Waiting for the terminal to go offline</source>
        <translation>正在等待POS机断开</translation>
    </message>
    <message>
        <source>The terminal is back online</source>
        <translation>POS机已恢复连接</translation>
    </message>
    <message>
        <source>Offline for {s:.0f} s</source>
        <translation>已断开 {s:.0f} 秒</translation>
    </message>
    <message>
        <source>The terminal stayed online</source>
        <translation>POS机一直没有断开</translation>
    </message>
    <message>
        <source>The terminal did not come back</source>
        <translation>POS机没有恢复连接</translation>
    </message>
    <message>
        <source>Nothing configured to check</source>
        <translation>没有设置需要检查的项目</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Answer time</source>
        <translation>回应时间</translation>
    </message>
    <message>
        <source>Link speed</source>
        <translation>网速</translation>
    </message>
    <message>
        <source>Typical connect time</source>
        <translation>一般连接用时</translation>
    </message>
    <message>
        <source>Longest connect time</source>
        <translation>最长连接用时</translation>
    </message>
    <message>
        <source>Slowest secure handshake</source>
        <translation>最慢的安全连接握手</translation>
    </message>
    <message>
        <source>Certificate valid for at least</source>
        <translation>证书剩余有效期（最短）</translation>
    </message>
    <message>
        <source>Slowest lookup</source>
        <translation>最慢的域名解析</translation>
    </message>
    <message>
        <source>Answer time (ENQ/ACK)</source>
        <translation>应答时间（ENQ/ACK）</translation>
    </message>
    <message>
        <source>Status reply time</source>
        <translation>状态回复时间</translation>
    </message>
    <message>
        <source>Offline for</source>
        <translation>断开时长</translation>
    </message>
    <message>
        <source>Back after</source>
        <translation>恢复用时</translation>
    </message>
    <message>
        <source>Chip answer time (ATR)</source>
        <translation>芯片应答时间（ATR）</translation>
    </message>
    <message>
        <source>Application select time</source>
        <translation>选择应用用时</translation>
    </message>
    <message>
        <source>Waited for the card</source>
        <translation>等待插卡用时</translation>
    </message>
    <message>
        <source>Feeds read</source>
        <translation>已读取的通知来源</translation>
    </message>
    <message>
        <source>Feeds not read</source>
        <translation>读取失败的通知来源</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>维护通知</translation>
    </message>
    <message>
        <source>Maintenance ends in</source>
        <translation>距维护结束</translation>
    </message>
    <message>
        <source>Maintenance starts in</source>
        <translation>距维护开始</translation>
    </message>
    <message>
        <source>Lookup of {name}</source>
        <translation>解析 {name}</translation>
    </message>
    <message>
        <source>{value} ms</source>
        <translation>{value} 毫秒</translation>
    </message>
    <message>
        <source>{value} s</source>
        <translation>{value} 秒</translation>
    </message>
    <message>
        <source>{value} days</source>
        <translation>{value} 天</translation>
    </message>
    <message>
        <source>{value} day</source>
        <translation>{value} 天</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常类型</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Time limit (s)</source>
        <translation>时限（秒）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>POS机</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>通讯协议</translation>
    </message>
    <message>
        <source>Steps passed</source>
        <translation>已通过的步骤</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复内容</translation>
    </message>
    <message>
        <source>Reply encoding</source>
        <translation>回复编码</translation>
    </message>
    <message>
        <source>Replies received</source>
        <translation>收到的回复次数</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>收到的字节数</translation>
    </message>
    <message>
        <source>Closing the port hung</source>
        <translation>关闭端口时卡住了</translation>
    </message>
    <message>
        <source>Ports with the terminal&apos;s USB ID</source>
        <translation>同型号 USB 设备所在的端口</translation>
    </message>
    <message>
        <source>Terminal found on</source>
        <translation>POS机实际所在端口</translation>
    </message>
    <message>
        <source>Went offline</source>
        <translation>断开过</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>最后一次失败原因</translation>
    </message>
    <message>
        <source>Network adapter</source>
        <translation>网卡</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连上</translation>
    </message>
    <message>
        <source>Switched on</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>IPv4 address</source>
        <translation>IPv4 地址</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>网线信号</translation>
    </message>
    <message>
        <source>Link state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Other adapters</source>
        <translation>其他网卡</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>路由器</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回应</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>ping 测试</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Resolver</source>
        <translation>解析方式</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>域名解析服务器（DNS）</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>较慢</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>System error</source>
        <translation>系统错误</translation>
    </message>
    <message>
        <source>Redirected to</source>
        <translation>跳转到</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>无效的设置</translation>
    </message>
    <message>
        <source>Lost (%)</source>
        <translation>丢失（%）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Connections made</source>
        <translation>成功连接次数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Typical time (ms)</source>
        <translation>一般用时（毫秒）</translation>
    </message>
    <message>
        <source>Longest time (ms)</source>
        <translation>最长用时（毫秒）</translation>
    </message>
    <message>
        <source>Handshake (ms)</source>
        <translation>握手用时（毫秒）</translation>
    </message>
    <message>
        <source>TLS version</source>
        <translation>TLS 版本</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>颁发给</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>证书上的域名</translation>
    </message>
    <message>
        <source>Check code</source>
        <translation>验证代码</translation>
    </message>
    <message>
        <source>Check message</source>
        <translation>验证信息</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation>读卡器列表</translation>
    </message>
    <message>
        <source>Card inserted</source>
        <translation>已插卡</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Reader setting</source>
        <translation>读卡器设置</translation>
    </message>
    <message>
        <source>Chip answer (ATR)</source>
        <translation>芯片应答（ATR）</translation>
    </message>
    <message>
        <source>ATR decoded</source>
        <translation>ATR 解析</translation>
    </message>
    <message>
        <source>Known chip</source>
        <translation>已知芯片</translation>
    </message>
    <message>
        <source>Select commands</source>
        <translation>选择命令</translation>
    </message>
    <message>
        <source>Payment applications</source>
        <translation>支付应用</translation>
    </message>
    <message>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <source>Payment card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Answer time limit (s)</source>
        <translation>应答时限（秒）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Active notices</source>
        <translation>正在进行的维护</translation>
    </message>
    <message>
        <source>Upcoming notices</source>
        <translation>即将进行的维护</translation>
    </message>
    <message>
        <source>Notices without a clear time</source>
        <translation>没写时间的通知</translation>
    </message>
    <message>
        <source>Later notices</source>
        <translation>以后的维护通知</translation>
    </message>
    <message>
        <source>Saved copies used</source>
        <translation>使用的旧通知</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>维护通知来源</translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>支付公司</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>通知来源</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>用时（毫秒）</translation>
    </message>
    <message>
        <source>Age (s)</source>
        <translation>已过去（秒）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Services affected</source>
        <translation>影响的服务</translation>
    </message>
    <message>
        <source>Time known</source>
        <translation>时间明确</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>What is affected</source>
        <translation>受影响的业务</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Looking for the terminal&apos;s port</source>
        <translation>正在查找POS机的连接端口</translation>
    </message>
    <message>
        <source>Opening the terminal&apos;s port</source>
        <translation>正在打开POS机的连接端口</translation>
    </message>
    <message>
        <source>Checking that the terminal answers</source>
        <translation>正在检查POS机有没有回应</translation>
    </message>
    <message>
        <source>Asking the terminal for its status</source>
        <translation>正在查询POS机的状态</translation>
    </message>
    <message>
        <source>Closing the port</source>
        <translation>正在关闭端口</translation>
    </message>
    <message>
        <source>Adapters</source>
        <translation>网卡列表</translation>
    </message>
    <message>
        <source>Connected adapters</source>
        <translation>已连上的网卡</translation>
    </message>
    <message>
        <source>Provider maintenance notices</source>
        <translation>支付公司维护通知</translation>
    </message>
    <message>
        <source>Network cable / Wi-Fi</source>
        <translation>网线 / Wi-Fi</translation>
    </message>
    <message>
        <source>Name lookup (DNS)</source>
        <translation>域名解析</translation>
    </message>
    <message>
        <source>Internet access</source>
        <translation>上网</translation>
    </message>
    <message>
        <source>Payment server</source>
        <translation>支付服务器</translation>
    </message>
    <message>
        <source>Secure connection to the payment server</source>
        <translation>与支付服务器的安全连接</translation>
    </message>
    <message>
        <source>Card terminal</source>
        <translation>POS机</translation>
    </message>
    <message>
        <source>Card reader on this PC</source>
        <translation>电脑上的读卡器</translation>
    </message>
    <message>
        <source>Backup terminal</source>
        <translation>备用POS机</translation>
    </message>
    <message>
        <source>Test card in the PC&apos;s reader</source>
        <translation>在电脑读卡器上测卡</translation>
    </message>
    <message>
        <source>Terminal restart</source>
        <translation>POS机重启</translation>
    </message>
    <message>
        <source>Backup terminal restart</source>
        <translation>备用POS机重启</translation>
    </message>
    <message>
        <source>the terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>the outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>the cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>the training situation</source>
        <translation>培训情况</translation>
    </message>
    <message>
        <source>how the terminal goes online</source>
        <translation>POS机的联网方式</translation>
    </message>
    <message>
        <source>the step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>the step status</source>
        <translation>步骤状态</translation>
    </message>
    <message>
        <source>the check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>the check result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>the alert kind</source>
        <translation>提醒类型</translation>
    </message>
    <message>
        <source>the corrected field</source>
        <translation>更正的栏目</translation>
    </message>
    <message>
        <source>the provider</source>
        <translation>收单机构</translation>
    </message>
    <message>
        <source>the notice source</source>
        <translation>公告来源</translation>
    </message>
    <message>
        <source>the photo format</source>
        <translation>照片格式</translation>
    </message>
    <message>
        <source>what started the inspection</source>
        <translation>巡检的触发方式</translation>
    </message>
    <message>
        <source>A card number cannot be used as {what} ({masked}); nothing was saved. Card numbers belong in notes, where they are masked.</source>
        <translation>卡号不能用作{what}（{masked}），没有保存任何内容。卡号只能写在备注里，备注里的卡号会被遮盖。</translation>
    </message>
    <message>
        <source>{path} cannot be restored: {why}. The current database has not been changed.</source>
        <translation>无法用 {path} 恢复：{why}。当前的数据库没有被改动。</translation>
    </message>
    <message>
        <source>it is a folder, not a backup file</source>
        <translation>这是一个文件夹，不是备份文件</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>it is the database in use, not a backup</source>
        <translation>这是正在使用的数据库，不是备份</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <source>it is not a posguide database</source>
        <translation>这不是 posguide 的数据库</translation>
    </message>
    <message>
        <source>it was written by a newer posguide; update posguide first</source>
        <translation>它是由更新版本的 posguide 写入的，请先更新 posguide</translation>
    </message>
    <message>
        <source>posguide is still open on this PC, or another program uses {path}: close it and try again. Nothing was changed.</source>
        <translation>这台电脑上的 posguide 还开着，或者有别的程序正在使用 {path}：请关掉后再试一次。没有任何改动。</translation>
    </message>
    <message>
        <source>the name could not be looked up</source>
        <translation>域名解析失败</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>等待超时，没有回应</translation>
    </message>
    <message>
        <source>the connection was refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>the connection was cut</source>
        <translation>连接被中断</translation>
    </message>
    <message>
        <source>it cannot be reached from this network</source>
        <translation>从这个网络连不到它</translation>
    </message>
    <message>
        <source>its security certificate is not trusted</source>
        <translation>它的安全证书不受信任</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>access was denied</source>
        <translation>没有访问权限</translation>
    </message>
    <message>
        <source>it was not found</source>
        <translation>找不到它</translation>
    </message>
    <message>
        <source>it is in use by another program</source>
        <translation>另一个程序正在使用它</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>The terminal&apos;s settings in posguide.toml are not valid (see the details)</source>
        <extracomment>Used for a meaning the shop gave no patterns for, so a terminal showing 在维护中 is recognised out of the box. Order matters: the first meaning with a match wins (as in the config docs). The summary when the settings cannot work; what is wrong goes in the detail&apos;s ``error``.</extracomment>
        <translation>posguide.toml 里这台POS机的设置有误（见详情）</translation>
    </message>
    <message>
        <source>the page asks for a login; open it yourself</source>
        <extracomment>Words that make an announcement worth reading (configurable per feed). Announcements followed from a list page, by default.</extracomment>
        <translation>这个网页要求登录，请自己打开查看</translation>
    </message>
    <message>
        <source>the page asks for a login or a check; open it yourself</source>
        <translation>这个网页要求登录或验证，请自己打开查看</translation>
    </message>
    <message>
        <source>the page only shows with JavaScript; open it yourself</source>
        <translation>这个网页要在浏览器里才能显示，请自己打开查看</translation>
    </message>
    <message>
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>PIN 须为 {low} 到 {high} 位数字。</translation>
    </message>
    <message>
        <source>This PIN is too easy to guess; choose another.</source>
        <translation>这个 PIN 太容易被猜到，请换一个。</translation>
    </message>
    <message>
        <source>The payment server answers slower: {recent:.0f} ms over the last {days} inspections, usually {usual:.0f} ms</source>
        <translation>付款服务器应答变慢：最近 {days} 次巡检 {recent:.0f} 毫秒，平常 {usual:.0f} 毫秒</translation>
    </message>
    <message>
        <source>The terminal answers slower: {recent:.0f} ms over the last {days} inspections, usually {usual:.0f} ms</source>
        <translation>POS机应答变慢：最近 {days} 次巡检 {recent:.0f} 毫秒，平常 {usual:.0f} 毫秒</translation>
    </message>
    <message>
        <source>Connections to the payment server are dropping: {recent:.0f}% lost over the last {days} inspections, usually {usual:.0f}%</source>
        <translation>连接付款服务器开始丢包：最近 {days} 次巡检丢失 {recent:.0f}%，平常 {usual:.0f}%</translation>
    </message>
    <message>
        <source>The payment server&apos;s certificate expires in {days:.0f} days: tell the provider, payments stop when it does</source>
        <translation>付款服务器的证书 {days:.0f} 天后到期：请告诉服务商，到期后无法付款</translation>
    </message>
    <message>
        <source>Card reader: {summary}</source>
        <translation>读卡器：{summary}</translation>
    </message>
    <message>
        <source>Terminal: {summary}</source>
        <translation>POS机：{summary}</translation>
    </message>
    <message>
        <source>Maintenance announced from {starts} to {ends}: {title}</source>
        <translation>已公告维护：{starts} 至 {ends}：{title}</translation>
    </message>
    <message>
        <source>a mobile number like &quot;13800138000&quot;, or &quot;@all&quot;</source>
        <translation>手机号，例如“13800138000”，或“@all”</translation>
    </message>
    <message>
        <source>an https:// or http:// webhook URL, or &quot;&quot;</source>
        <translation>以 https:// 或 http:// 开头的机器人网址，或留空</translation>
    </message>
    <message>
        <source> (it holds a user name or password before &quot;@&quot;: remove that part)</source>
        <translation>（“@”前面有用户名或密码：请删掉这一部分）</translation>
    </message>
    <message>
        <source>the key from a WeCom robot URL (...send?key=...), or &quot;&quot;</source>
        <translation>企业微信机器人网址里的 key（…send?key=…），或留空</translation>
    </message>
    <message>
        <source>the access_token or hook id from the robot URL, or &quot;&quot;</source>
        <translation>机器人网址里的 access_token 或 hook id，或留空</translation>
    </message>
    <message>
        <source>the signing secret (加签), or &quot;&quot;</source>
        <translation>加签密钥，或留空</translation>
    </message>
    <message>
        <source>a list of mobile numbers</source>
        <translation>一组手机号</translation>
    </message>
    <message>
        <source>expected no {name} for kind &quot;{kind}&quot; (it uses {want}), got one</source>
        <translation>“{kind}”类型不需要 {name}（它用 {want}），但填了</translation>
    </message>
    <message>
        <source>expected a webhook URL for kind &quot;webhook&quot;, got nothing</source>
        <translation>“webhook”类型需要填写机器人网址，但没有填</translation>
    </message>
    <message>
        <source>expected {want} for kind &quot;{kind}&quot;, got neither</source>
        <translation>“{kind}”类型需要填写 {want}，但都没有填</translation>
    </message>
    <message>
        <source>expected url or {token}, got both</source>
        <translation>网址和 {token} 只能填一个，但两个都填了</translation>
    </message>
    <message>
        <source>expected no signing secret for kind &quot;{kind}&quot;, got one</source>
        <translation>“{kind}”类型不用加签密钥，但填了</translation>
    </message>
    <message>
        <source>expected only &quot;@all&quot; for kind &quot;feishu&quot;, got {found}</source>
        <translation>飞书只能 @所有人（“@all”），但填了 {found}</translation>
    </message>
    <message>
        <source>expected no mentions for kind &quot;webhook&quot;, got some</source>
        <translation>“webhook”类型不能 @人，但填了</translation>
    </message>
    <message>
        <source>a name (up to 60 characters)</source>
        <translation>名称（最多 60 个字）</translation>
    </message>
    <message>
        <source>a phone number like &quot;95534&quot; or &quot;400-820-8888&quot; (extension: &quot;转123&quot;), or &quot;&quot;</source>
        <translation>电话号码，例如“95534”或“400-820-8888”（分机写“转123”），或留空</translation>
    </message>
    <message>
        <source>a list of regular expressions (or just one)</source>
        <translation>一组正则表达式（也可以只写一个）</translation>
    </message>
    <message>
        <source>a word</source>
        <translation>一个词</translation>
    </message>
    <message>
        <source>a list of words</source>
        <translation>一组词</translation>
    </message>
    <message>
        <source>a list of &quot;host:port&quot; texts</source>
        <translation>一组“主机:端口”</translation>
    </message>
    <message>
        <source>the id of a [[providers]] entry, or &quot;&quot;</source>
        <translation>某个收单机构（[[providers]]）的代号，或留空</translation>
    </message>
    <message>
        <source>a whole number from 300 to 921600</source>
        <translation>300 到 921600 之间的整数</translation>
    </message>
    <message>
        <source>the id of another [[terminals]] entry, or &quot;&quot;</source>
        <translation>另一台POS机（[[terminals]]）的代号，或留空</translation>
    </message>
    <message>
        <source>expected only one of status_request and status_request_hex, got both</source>
        <translation>status_request 和 status_request_hex 只能填一个，但两个都填了</translation>
    </message>
    <message>
        <source>an id like &quot;ums&quot; (up to 32 lowercase letters, digits, &quot;-&quot; or &quot;_&quot;)</source>
        <translation>代号，例如“ums”（最多 32 个小写字母、数字、“-”或“_”）</translation>
    </message>
    <message>
        <source>a &quot;host:port&quot; like &quot;pay.example.cn:443&quot;, &quot;10.1.2.3:8583&quot; or &quot;[::1]:443&quot;</source>
        <translation>“主机:端口”，例如“pay.example.cn:443”、“10.1.2.3:8583”或“[::1]:443”</translation>
    </message>
    <message>
        <source> (put IPv6 addresses in brackets: [::1]:443)</source>
        <translation>（IPv6 地址要放在方括号里：[::1]:443）</translation>
    </message>
    <message>
        <source> (the port number is missing)</source>
        <translation>（缺少端口号）</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>以 http:// 或 https:// 开头的网址</translation>
    </message>
    <message>
        <source>a serial port (&quot;COM3&quot;, &quot;/dev/ttyUSB0&quot;), &quot;socket://host:port&quot;, &quot;rfc2217://host:port&quot;, or &quot;&quot; when the terminal is not connected to this PC</source>
        <translation>串口（“COM3”、“/dev/ttyUSB0”）、“socket://主机:端口”、“rfc2217://主机:端口”；POS机没有连到这台电脑时留空</translation>
    </message>
    <message>
        <source> (network terminals need &quot;socket://&quot; in front)</source>
        <translation>（网络连接的POS机前面要加“socket://”）</translation>
    </message>
    <message>
        <source>an IANA time zone name like &quot;Asia/Shanghai&quot;</source>
        <translation>时区名称，例如“Asia/Shanghai”</translation>
    </message>
    <message>
        <source>a regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>a USB &quot;vendor:product&quot; id like &quot;1a86:7523&quot;, or &quot;&quot;</source>
        <translation>USB 的“厂商:产品”编号，例如“1a86:7523”，或留空</translation>
    </message>
    <message>
        <source>bytes in hex like &quot;5354415455533F&quot; (spaces allowed between bytes), or &quot;&quot;</source>
        <translation>十六进制字节，例如“5354415455533F”（字节之间可以有空格），或留空</translation>
    </message>
    <message>
        <source>ASCII text like &quot;STATUS?\r\n&quot; (TOML escapes allowed), or &quot;&quot;</source>
        <translation>ASCII 文字，例如“STATUS?\r\n”（可以用 TOML 转义），或留空</translation>
    </message>
    <message>
        <source>&quot;auto&quot; or an IP address like &quot;192.168.1.1&quot;</source>
        <translation>“auto”（自动）或 IP 地址，例如“192.168.1.1”</translation>
    </message>
    <message>
        <source>an IP address like &quot;192.168.1.1&quot;</source>
        <translation>IP 地址，例如“192.168.1.1”</translation>
    </message>
    <message>
        <source>a value</source>
        <translation>一个值</translation>
    </message>
    <message>
        <source>expected {expected}, got {found}{hint}</source>
        <translation>应填：{expected}，现在是 {found}{hint}</translation>
    </message>
    <message>
        <source>a single line of text</source>
        <translation>一行文字</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>a number from {low:g} to {high:g} seconds</source>
        <translation>{low:g} 到 {high:g} 秒</translation>
    </message>
    <message>
        <source>a number from {low:g} to {high:g}</source>
        <translation>{low:g} 到 {high:g} 之间的数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source> (write true or false without quotes)</source>
        <translation>（true 和 false 不要加引号）</translation>
    </message>
    <message>
        <source>one of {options}</source>
        <translation>以下之一：{options}</translation>
    </message>
    <message>
        <source>expected one of {options}, got {found}</source>
        <translation>应填以下之一：{options}，现在是 {found}</translation>
    </message>
    <message>
        <source>a list, each item {item}</source>
        <translation>一组值，每一项都是：{item}</translation>
    </message>
    <message>
        <source>expected no repeats, got {found} twice</source>
        <translation>不能重复，但 {found} 出现了两次</translation>
    </message>
    <message>
        <source>missing; expected {expected}</source>
        <translation>没有填写；应填：{expected}</translation>
    </message>
    <message>
        <source>a name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>a list of names</source>
        <translation>一组名字</translation>
    </message>
    <message>
        <source>the id of a [[terminals]] entry, or &quot;&quot;</source>
        <translation>某台POS机（[[terminals]]）的代号，或留空</translation>
    </message>
    <message>
        <source>a file path</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <source>a list of IP addresses</source>
        <translation>一组 IP 地址</translation>
    </message>
    <message>
        <source>expected another terminal&apos;s id, got its own id {own}</source>
        <translation>应填另一台POS机的代号，但填的是它自己的代号 {own}</translation>
    </message>
    <message>
        <source>expected a unique id, got {found} again (already used by {other})</source>
        <translation>代号不能重复，但 {found} 已经被 {other} 用了</translation>
    </message>
    <message>
        <source>expected the id of a {array} entry, got {found} (there are none)</source>
        <translation>应填某个 {array} 的代号，现在是 {found}（但一个都没有设置）</translation>
    </message>
    <message>
        <source>expected the id of a {array} entry ({listed}), got {found}{hint}</source>
        <translation>应填某个 {array} 的代号（{listed}），现在是 {found}{hint}</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>一个表（[表名]）</translation>
    </message>
    <message>
        <source>a list of tables</source>
        <translation>一组表（[[表名]]）</translation>
    </message>
    <message>
        <source> (did you mean &quot;{guess}&quot;?)</source>
        <translation>（是不是想写“{guess}”？）</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Alerts (optional)</source>
        <translation>告警（可不填）</translation>
    </message>
    <message>
        <source>When a terminal stays in maintenance, posguide tells the manager&apos;s group chat. Paste the robot&apos;s key or its whole address. No group: leave it empty.</source>
        <translation>POS机一直“在维护中”时，posguide 会通知店长群。粘贴群机器人的 key 或完整地址。没有群就留空。</translation>
    </message>
    <message>
        <source>&amp;Group chat:</source>
        <translation>群聊(&amp;G)：</translation>
    </message>
    <message>
        <source>Robot &amp;key or address:</source>
        <translation>机器人 key 或地址(&amp;K)：</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>名称(&amp;M)：</translation>
    </message>
    <message>
        <source>WeCom (企业微信)</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>DingTalk (钉钉)</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>Feishu (飞书)</source>
        <translation>飞书</translation>
    </message>
    <message>
        <source>Another address (webhook)</source>
        <translation>其他地址（webhook）</translation>
    </message>
    <message>
        <source>&amp;Send a test message</source>
        <translation>发送测试消息(&amp;S)</translation>
    </message>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>请先改正标出的内容。</translation>
    </message>
    <message>
        <source>Nothing to test yet: fill in the fields above.</source>
        <translation>还没有可以测试的内容：请先填写上面的内容。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>The test message was sent: look in the group.</source>
        <translation>测试消息已发出：请到群里看一下。</translation>
    </message>
    <message>
        <source>The test message did not arrive: {detail}</source>
        <translation>测试消息没有送到：{detail}</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Take a photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <source>&amp;Take photo</source>
        <translation>拍照(&amp;T)</translation>
    </message>
    <message>
        <source>The camera cannot be used: {reason}</source>
        <translation>摄像头无法使用：{reason}</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>请先改正标出的内容。</translation>
    </message>
    <message>
        <source>Nothing to test yet: fill in the fields above.</source>
        <translation>还没有可以测试的内容：请先填写上面的内容。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>posguide — Manager</source>
        <translation>posguide — 店长</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>记录(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Inspections</source>
        <translation>巡检(&amp;I)</translation>
    </message>
    <message>
        <source>Settin&amp;gs</source>
        <translation>设置(&amp;G)</translation>
    </message>
    <message>
        <source>Set&amp;up assistant…</source>
        <translation>设置向导(&amp;U)…</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>posguide hit a problem</source>
        <translation>posguide 出了点问题</translation>
    </message>
    <message>
        <source>Something went wrong inside posguide. Everything entered so far is saved.

A report was written to {path}. Please send it to the manager.

{error}</source>
        <translation>posguide 内部出了问题。已经填写的内容都保存好了。

错误报告已保存到 {path}。请把它发给店长。

{error}</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>— restored at the next start</source>
        <translation>— 下次启动时恢复</translation>
    </message>
    <message>
        <source>(no backup yet)</source>
        <translation>（还没有备份）</translation>
    </message>
    <message>
        <source>There is no history to back up yet.</source>
        <translation>还没有可以备份的记录。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup written: {name}</source>
        <translation>备份已写好：{name}</translation>
    </message>
    <message>
        <source>Pick a backup in the list first.</source>
        <translation>请先在列表里选一个备份。</translation>
    </message>
    <message>
        <source>posguide puts this backup back when it is next started; the history it replaces is kept in the backups folder. Close posguide and start it again.</source>
        <translation>posguide 下次启动时会恢复这个备份；被替换的记录会保存在备份文件夹里。请关闭 posguide 再重新打开。</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复这个备份？</translation>
    </message>
    <message>
        <source>The history goes back to {name}. Incidents recorded after it are kept only in the copy of today&apos;s history.</source>
        <translation>记录会回到 {name} 的状态。之后记录的故障只保留在今天记录的副本里。</translation>
    </message>
    <message>
        <source>&amp;Restore at the next start</source>
        <translation>下次启动时恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep today&apos;s history</source>
        <translation>保留现在的记录(&amp;K)</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Backups:</source>
        <translation>备份(&amp;B)：</translation>
    </message>
    <message>
        <source>Back up &amp;now</source>
        <translation>立即备份(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Restore the chosen backup…</source>
        <translation>恢复选中的备份(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>Incident {id}</source>
        <translation>故障记录 {id}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>This incident cannot be shown: {error}</source>
        <translation>无法显示这条记录：{error}</translation>
    </message>
    <message>
        <source>Incident {id} — {terminal}</source>
        <translation>故障记录 {id} — {terminal}</translation>
    </message>
    <message>
        <source>still open at the till</source>
        <translation>收银台仍在处理中</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>training exercise</source>
        <translation>培训演练</translation>
    </message>
    <message>
        <source>{n30} incidents on this terminal in 30 days, {n90} in 90</source>
        <translation>本终端近 30 天 {n30} 次、近 90 天 {n90} 次故障</translation>
    </message>
    <message>
        <source>Corrections can be added once the incident is closed.</source>
        <translation>处理结束后才能添加更正。</translation>
    </message>
    <message>
        <source>Write your name: a correction says who made it.</source>
        <translation>请填写您的姓名：每条更正都要注明是谁改的。</translation>
    </message>
    <message>
        <source>Write why: the provider and your colleagues will read it.</source>
        <translation>请填写更正原因：收单机构和同事都会看到。</translation>
    </message>
    <message>
        <source>That is the value already recorded.</source>
        <translation>这就是已记录的内容，无需更正。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The correction is saved.</source>
        <translation>更正已保存。</translation>
    </message>
    <message>
        <source>The correction was not saved: {error}</source>
        <translation>更正没有保存：{error}</translation>
    </message>
    <message>
        <source>The message is copied: paste it into the group chat.</source>
        <translation>消息已复制，请粘贴到群聊中。</translation>
    </message>
    <message>
        <source>Save the fault report</source>
        <translation>保存故障报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the fault report…</source>
        <translation>正在生成故障报告…</translation>
    </message>
    <message>
        <source>The fault report was not saved: {error}</source>
        <translation>故障报告没有保存：{error}</translation>
    </message>
    <message numerus="yes">
        <source>The fault report is saved: {path} (%n page(s))</source>
        <translation>
            <numerusform>故障报告已保存：{path}（共 %n 页）</numerusform>
        </translation>
    </message>
    <message>
        <source>← &amp;Back to the list</source>
        <translation>← 返回列表(&amp;B)</translation>
    </message>
    <message>
        <source>Fault report &amp;PDF…</source>
        <translation>故障报告 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Copy &amp;message for the group</source>
        <translation>复制群消息(&amp;M)</translation>
    </message>
    <message>
        <source>Add a correction</source>
        <translation>添加更正</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>改为</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>更正理由</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Save &amp;correction</source>
        <translation>保存更正(&amp;C)</translation>
    </message>
</context>
<context>
    <name>EnlargedView</name>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>EscalationBar</name>
    <message>
        <source>Not fixed within {minutes} min: call the provider now and tell the manager</source>
        <translation>{minutes} 分钟内还没修好：请马上打电话给支付公司，并告诉店长</translation>
    </message>
    <message>
        <source>The timer starts with the incident</source>
        <translation>开始处理故障时开始计时</translation>
    </message>
    <message>
        <source>Elapsed {elapsed} — alarm at {deadline}</source>
        <translation>已用时 {elapsed}（用时到 {deadline} 会报警）</translation>
    </message>
    <message>
        <source>Escalated at {at}</source>
        <translation>已上报（当时用时 {at}）</translation>
    </message>
    <message>
        <source>Stopped after {elapsed}</source>
        <translation>已停止计时，共用时 {elapsed}</translation>
    </message>
    <message>
        <source>Elapsed {elapsed}</source>
        <translation>已用时 {elapsed}</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>已静音</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;I have called</source>
        <translation>我已经打过电话了(&amp;I)</translation>
    </message>
    <message>
        <source>Send the &amp;alert again</source>
        <translation>重新发送告警(&amp;A)</translation>
    </message>
</context>
<context>
    <name>FaultPdf</name>
    <message>
        <source>Cannot write the fault report: {reason}</source>
        <translation>无法写入故障报告：{reason}</translation>
    </message>
</context>
<context>
    <name>FaultReportView</name>
    <message>
        <source>Fault description for the provider</source>
        <translation>给支付公司的故障说明</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Hotline: {number}</source>
        <translation>客服电话：{number}</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Done: check the summary, then save</source>
        <translation>完成：看一下总结，然后保存</translation>
    </message>
    <message>
        <source>Anything else the manager should know (optional)</source>
        <translation>还有什么要告诉店长的吗？（可以不填）</translation>
    </message>
    <message>
        <source>Outcome: {outcome}
Cause: {cause}</source>
        <translation>处理结果：{outcome}
原因：{cause}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Symptom</source>
        <translation>现象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>To a working till (min)</source>
        <translation>恢复收款(分)</translation>
    </message>
    <message>
        <source>Duration (min)</source>
        <translation>总用时(分)</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>The history cannot be read: {error}</source>
        <translation>无法读取故障记录：{error}</translation>
    </message>
    <message>
        <source>Some incidents cannot be shown: {error}</source>
        <translation>有些记录无法显示：{error}</translation>
    </message>
    <message>
        <source>Training exercise: {text}</source>
        <translation>培训演练：{text}</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>All terminals</source>
        <translation>全部终端</translation>
    </message>
    <message>
        <source>All causes</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>(training exercises are listed under “Training”)</source>
        <translation>（培训演练的记录请在“培训”中查看）</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 可打开的 CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON 行格式 (*.jsonl)</translation>
    </message>
    <message>
        <source>Export the incidents shown</source>
        <translation>导出当前显示的记录</translation>
    </message>
    <message>
        <source>Response code</source>
        <translation>应答码</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) exported to {path}</source>
        <translation>
            <numerusform>已导出 %n 条记录到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Escalated or not</source>
        <translation>是否升级：全部</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation>未升级</translation>
    </message>
    <message>
        <source>Real incidents</source>
        <translation>真实故障</translation>
    </message>
    <message>
        <source>Real and training</source>
        <translation>真实和培训</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>到（含当天）</translation>
    </message>
    <message>
        <source>Search symptoms, response codes and notes…</source>
        <translation>搜索现象、应答码和备注…</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Export &amp;JSONL…</source>
        <translation>导出 JSONL(&amp;J)…</translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message numerus="yes">
        <source>Checking again in %n s</source>
        <translation>
            <numerusform>%n 秒后再检查一次</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Skip this step</source>
        <translation>跳过这一步(&amp;S)</translation>
    </message>
    <message>
        <source>Save and &amp;finish</source>
        <translation>保存并结束(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
</context>
<context>
    <name>InspectionsView</name>
    <message>
        <source>Reading the inspections…</source>
        <translation>正在读取巡检记录…</translation>
    </message>
    <message>
        <source>No inspection in the last two weeks.</source>
        <translation>最近两周没有巡检。</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>定时</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Last inspection: {time} ({how}); {count} in the last two weeks.</source>
        <translation>最近一次巡检：{time}（{how}）；最近两周共 {count} 次。</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>没有需要注意的问题。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Needs attention:</source>
        <translation>需要注意：</translation>
    </message>
    <message>
        <source>This PC&apos;s network</source>
        <translation>本机网络</translation>
    </message>
    <message>
        <source>Announced</source>
        <translation>有公告</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未能检查</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>POS机</translation>
    </message>
    <message>
        <source>PC network</source>
        <translation>本机网络</translation>
    </message>
    <message>
        <source>Terminal answers (ms)</source>
        <translation>POS机应答（毫秒）</translation>
    </message>
    <message>
        <source>Payment server (ms)</source>
        <translation>付款服务器（毫秒）</translation>
    </message>
    <message>
        <source>Lost (%)</source>
        <translation>丢包（%）</translation>
    </message>
    <message>
        <source>Certificate (days left)</source>
        <translation>证书剩余（天）</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>维护公告</translation>
    </message>
    <message>
        <source>Each inspection runs the automatic checks of every terminal, without touching a payment. Run one now with `posguide inspect`; `posguide schedule install` runs one every morning with the day&apos;s backup. Marked cells are behind a finding above.</source>
        <translation>每次巡检对每台POS机运行自动检查，不涉及任何付款。现在巡检一次：`posguide inspect`；每天早上自动巡检并备份：`posguide schedule install`。标红的格子就是上面提醒的依据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>posguide — card terminal troubleshooting</source>
        <translation>posguide — POS机故障处理</translation>
    </message>
    <message>
        <source>TRAINING</source>
        <translation>培训模式</translation>
    </message>
    <message>
        <source>The incident could not be saved</source>
        <translation>故障记录没能保存</translation>
    </message>
    <message>
        <source>Saved as No. {number}: {outcome}.</source>
        <translation>已保存为第 {number} 号记录：{outcome}。</translation>
    </message>
    <message>
        <source>Close the unfinished incident?</source>
        <translation>结束这次没处理完的故障？</translation>
    </message>
    <message>
        <source>No. {number} will be saved as given up and cannot be resumed afterwards.</source>
        <translation>第 {number} 号记录会保存为“不再处理”，以后不能再继续。</translation>
    </message>
    <message>
        <source>Close it</source>
        <translation>结束它</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>No. {number} was closed as given up.</source>
        <translation>第 {number} 号记录已结束，记为“不再处理”。</translation>
    </message>
    <message>
        <source>Sending the alert to {channel}…</source>
        <translation>正在发送告警到 {channel}…</translation>
    </message>
    <message>
        <source>Alert sent to {channel}</source>
        <translation>告警已发送到 {channel}</translation>
    </message>
    <message>
        <source>The alert to {channel} failed; trying again in {seconds} s</source>
        <translation>发送到 {channel} 失败，{seconds} 秒后再试</translation>
    </message>
    <message>
        <source>The alert to {channel} could not be sent</source>
        <translation>告警没能发送到 {channel}</translation>
    </message>
    <message>
        <source>Close posguide?</source>
        <translation>关闭 posguide？</translation>
    </message>
    <message>
        <source>Everything so far is saved as No. {number}. When you open posguide again you can resume it on the start page.</source>
        <translation>到现在为止的内容都已保存为第 {number} 号记录。下次打开 posguide 时，可以在首页继续处理。</translation>
    </message>
    <message>
        <source>Close posguide</source>
        <translation>关闭 posguide</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续处理</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Worked around with the backup device or another payment method</source>
        <translation>已用备用设备或其他方式收款</translation>
    </message>
    <message>
        <source>Escalated to the manager and the provider</source>
        <translation>已上报店长和支付公司</translation>
    </message>
    <message>
        <source>Given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Provider maintenance</source>
        <translation>支付公司维护</translation>
    </message>
    <message>
        <source>Terminal needed a restart</source>
        <translation>POS机需要重启</translation>
    </message>
    <message>
        <source>Network or cable</source>
        <translation>网络或网线</translation>
    </message>
    <message>
        <source>Router or modem</source>
        <translation>路由器或光猫</translation>
    </message>
    <message>
        <source>Terminal&apos;s card reader</source>
        <translation>POS机的读卡器</translation>
    </message>
    <message>
        <source>Customer&apos;s card</source>
        <translation>顾客的卡</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>电源</translation>
    </message>
    <message>
        <source>Operating mistake</source>
        <translation>操作不当</translation>
    </message>
    <message>
        <source>Payment system timed out</source>
        <translation>支付系统超时</translation>
    </message>
    <message>
        <source>Terminal&apos;s mobile signal</source>
        <translation>POS机的4G信号</translation>
    </message>
    <message>
        <source>Terminal&apos;s SIM card or data plan</source>
        <translation>POS机的SIM卡或流量卡</translation>
    </message>
    <message>
        <source>Terminal&apos;s Wi-Fi connection</source>
        <translation>POS机的 Wi-Fi 连接</translation>
    </message>
    <message>
        <source>Telephone line</source>
        <translation>电话线路</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>不清楚</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>The router posguide checks first. “auto” takes the one this PC uses (found below).</source>
        <translation>posguide 先检查的路由器。“auto”表示用这台电脑正在用的路由器（见下方）。</translation>
    </message>
    <message>
        <source>&amp;Router (gateway):</source>
        <translation>路由器（网关）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>This PC&apos;s router: {gateway}</source>
        <translation>这台电脑的路由器：{gateway}</translation>
    </message>
    <message>
        <source>This PC has no default route (no router found).</source>
        <translation>这台电脑没有默认路由（找不到路由器）。</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <source>(no current notice)</source>
        <translation>（目前没有公告）</translation>
    </message>
    <message>
        <source>Save the c&amp;orrection</source>
        <translation>保存修改(&amp;O)</translation>
    </message>
    <message>
        <source>No date and time found in this text: fill them in below.</source>
        <translation>这段文字里没有找到日期和时间：请在下面填写。</translation>
    </message>
    <message>
        <source>Filled in from the text.</source>
        <translation>已根据文字填好。</translation>
    </message>
    <message>
        <source>It names {more} more window(s): add them one by one.</source>
        <translation>里面还有 {more} 个时间段：请逐个添加。</translation>
    </message>
    <message>
        <source>Add a payment provider first (its section).</source>
        <translation>请先添加收单机构（在“收单机构”一栏）。</translation>
    </message>
    <message>
        <source>Give the notice a title.</source>
        <translation>请填写公告标题。</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Saved: the notice check shows it from now on.</source>
        <translation>已保存：从现在起查看维护公告时会显示它。</translation>
    </message>
    <message>
        <source>Pick a notice in the list first.</source>
        <translation>请先在列表里选一条公告。</translation>
    </message>
    <message>
        <source>Withdraw the notice?</source>
        <translation>撤回这条公告？</translation>
    </message>
    <message>
        <source>“{title}” will no longer be shown to staff.</source>
        <translation>“{title}”将不再显示给员工。</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>撤回(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>Withdrawn.</source>
        <translation>已撤回。</translation>
    </message>
    <message>
        <source>&amp;Add the notice</source>
        <translation>添加公告(&amp;A)</translation>
    </message>
    <message>
        <source>Current &amp;notices:</source>
        <translation>当前公告(&amp;N)：</translation>
    </message>
    <message>
        <source>Paste the SMS or WeChat te&amp;xt:</source>
        <translation>粘贴短信或微信文字(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>收单机构(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>开始(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>结束(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Fill in from the text</source>
        <translation>根据文字填写(&amp;F)</translation>
    </message>
    <message>
        <source>End not announced</source>
        <translation>没有公布结束时间</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义日期…</translation>
    </message>
</context>
<context>
    <name>PhotoGallery</name>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Show the selected photo full size (Enter)</source>
        <translation>查看所选照片原图（回车）</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>Photo {id}</source>
        <translation>照片 {id}</translation>
    </message>
    <message>
        <source>Taken {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <source>Added {time}</source>
        <translation>添加于 {time}</translation>
    </message>
    <message>
        <source>This photo cannot be shown: its thumbnail is damaged.</source>
        <translation>这张照片无法显示：缩略图已损坏。</translation>
    </message>
    <message>
        <source>Taken: {time}</source>
        <translation>拍摄时间：{time}</translation>
    </message>
    <message>
        <source>Added: {time}</source>
        <translation>添加时间：{time}</translation>
    </message>
    <message>
        <source>cannot be shown</source>
        <translation>无法显示</translation>
    </message>
    <message>
        <source>Photos: {count}. Double-click one or press Enter to see it full size.</source>
        <translation>照片：{count} 张。双击或按回车查看原图。</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Add from &amp;file…</source>
        <translation>从文件添加(&amp;F)…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Take p&amp;hoto</source>
        <translation>拍照(&amp;H)</translation>
    </message>
    <message>
        <source>Drag photos here, or use the buttons above.</source>
        <translation>把照片拖到这里，或者用上面的按钮添加。</translation>
    </message>
    <message>
        <source>Reading the photo…</source>
        <translation>正在读取照片…</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove photo {caption}</source>
        <translation>移除照片 {caption}</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>The clipboard holds no picture or photo file.</source>
        <translation>剪贴板里没有图片或照片文件。</translation>
    </message>
    <message>
        <source>{name} is not a file.</source>
        <translation>{name} 不是文件。</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>这张图片</translation>
    </message>
    <message>
        <source>{name} is too big: photos can have at most {limit} MB.</source>
        <translation>{name} 太大了：照片最大只能 {limit} MB。</translation>
    </message>
    <message>
        <source>{name} is too big ({size} MB): photos can have at most {limit} MB.</source>
        <translation>{name} 太大了（{size} MB）：照片最大只能 {limit} MB。</translation>
    </message>
    <message>
        <source>it could not be read</source>
        <translation>文件读不出来</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}</source>
        <translation>{name} 读不出来：{reason}</translation>
    </message>
    <message>
        <source>This photo cannot be shown.</source>
        <translation>这张照片无法显示。</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>The whole photo</source>
        <translation>显示整张照片</translation>
    </message>
    <message>
        <source>&amp;100%</source>
        <translation>原始大小(&amp;1)</translation>
    </message>
    <message>
        <source>Real size</source>
        <translation>按实际像素显示</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>另存一份(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Part of this photo is missing; what could be read is shown.</source>
        <translation>这张照片缺了一部分，只显示能读出的部分。</translation>
    </message>
    <message>
        <source>Photo {id}</source>
        <translation>照片 {id}</translation>
    </message>
    <message>
        <source>Save a copy of the photo</source>
        <translation>另存照片</translation>
    </message>
    <message>
        <source>JPEG pictures (*.jpg *.jpeg)</source>
        <translation>JPEG 图片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>A copy was saved to {path}.</source>
        <translation>已另存到 {path}。</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} 已存在，要替换吗？</translation>
    </message>
    <message>
        <source>that is a folder; choose a file name</source>
        <translation>这是一个文件夹，请选择文件名</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>access was denied</source>
        <translation>没有访问权限</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>it could not be written</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <source>The copy could not be saved as {path}: {reason}.</source>
        <translation>无法另存为 {path}：{reason}。</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>it is too large to show ({width} × {height} pixels)</source>
        <translation>图片太大，无法显示（{width} × {height} 像素）</translation>
    </message>
    <message>
        <source>the file is damaged or is not a picture</source>
        <translation>文件已损坏或不是图片</translation>
    </message>
    <message>
        <source>This photo cannot be shown: {reason}. You can still save a copy of it.</source>
        <translation>这张照片无法显示：{reason}。仍可以另存一份。</translation>
    </message>
    <message>
        <source>taken {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <source>added {time}</source>
        <translation>添加于 {time}</translation>
    </message>
</context>
<context>
    <name>PictureTile</name>
    <message>
        <source>Click to enlarge</source>
        <translation>点击放大</translation>
    </message>
    <message>
        <source>Picture missing</source>
        <translation>图片找不到了</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一样，请输入相同的 PIN。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Type the manager PIN.</source>
        <translation>请输入店长 PIN。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong PIN(s) lock the console for a while.</source>
        <translation>
            <numerusform>PIN 不对。再错 %n 次，店长界面将锁定一段时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>The PIN cannot be checked: {error}</source>
        <translation>无法核对 PIN：{error}</translation>
    </message>
    <message>
        <source>You can try again.</source>
        <translation>可以再试一次。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes}:{seconds:02d}.</source>
        <translation>PIN 错误次数太多，请在 {minutes}:{seconds:02d} 后再试。</translation>
    </message>
    <message>
        <source>Set the manager PIN</source>
        <translation>设置店长 PIN</translation>
    </message>
    <message>
        <source>The manager console shows the shop&apos;s incident history and reports. Choose a PIN of 4 to 8 digits that cashiers do not know; you will need it each time.</source>
        <translation>店长界面可以查看本店的故障记录和报告。请设置一个收银员不知道的 4 到 8 位数字 PIN，以后每次打开都需要输入。</translation>
    </message>
    <message>
        <source>&amp;Set PIN and open</source>
        <translation>设置 PIN 并打开(&amp;S)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Type the manager PIN to see the incident history.</source>
        <translation>输入店长 PIN 查看故障记录。</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再输一次</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>&amp;Run checks again</source>
        <translation>重新检查(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ProbeRow</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>未能检查</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Retry {name}</source>
        <translation>重试：{name}</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>收起详情</translation>
    </message>
    <message>
        <source>Details for {name}</source>
        <translation>{name}的详情</translation>
    </message>
    <message>
        <source>Open the web page</source>
        <translation>打开网页</translation>
    </message>
    <message>
        <source>{name}: {status}</source>
        <translation>{name}：{status}</translation>
    </message>
</context>
<context>
    <name>ProviderPage</name>
    <message>
        <source>Payment provider</source>
        <translation>收单机构</translation>
    </message>
    <message>
        <source>Who runs the terminals (收单机构): its hotline is read out when staff must call, its servers and maintenance notices are checked.</source>
        <translation>POS机的服务商（收单机构）：需要打电话时会显示它的客服电话，并检查它的服务器和维护公告。</translation>
    </message>
    <message>
        <source>Provider n&amp;ame:</source>
        <translation>机构名称(&amp;A)：</translation>
    </message>
    <message>
        <source>Payment se&amp;rvers (host:port, separated by spaces):</source>
        <translation>付款服务器（主机:端口，用空格隔开）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Maintenance notice page or feed:</source>
        <translation>维护公告网页或订阅地址(&amp;M)：</translation>
    </message>
    <message>
        <source>T&amp;est the servers</source>
        <translation>测试服务器(&amp;E)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>soon</source>
        <translation>即将</translation>
    </message>
    <message>
        <source>later</source>
        <translation>以后</translation>
    </message>
    <message>
        <source>read it</source>
        <translation>请阅读</translation>
    </message>
    <message>
        <source>(published {date})</source>
        <translation>（{date} 发布）</translation>
    </message>
    <message>
        <source>a status page (Statuspage)</source>
        <translation>状态页（Statuspage）</translation>
    </message>
    <message>
        <source>a news feed (RSS/Atom)</source>
        <translation>新闻订阅（RSS/Atom）</translation>
    </message>
    <message>
        <source>a calendar (iCalendar)</source>
        <translation>日历（iCalendar）</translation>
    </message>
    <message>
        <source>an announcement web page</source>
        <translation>公告网页</translation>
    </message>
    <message>
        <source>Read as {kind}.</source>
        <translation>识别为{kind}。</translation>
    </message>
    <message>
        <source>Cannot be read automatically: {reason}</source>
        <translation>无法自动读取：{reason}</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>打开网页</translation>
    </message>
    <message>
        <source>&amp;Hotline:</source>
        <translation>客服电话(&amp;H)：</translation>
    </message>
    <message>
        <source>Test the &amp;feed</source>
        <translation>测试公告(&amp;F)</translation>
    </message>
</context>
<context>
    <name>QuestionForm</name>
    <message>
        <source>(required)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <source>Please answer this</source>
        <translation>请回答这个问题</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Choose the terminal</source>
        <translation>请选择POS机</translation>
    </message>
    <message>
        <source>Type or choose your name</source>
        <translation>输入或选择您的名字</translation>
    </message>
</context>
<context>
    <name>ReaderPage</name>
    <message>
        <source>Card reader (optional)</source>
        <translation>读卡器（可不填）</translation>
    </message>
    <message>
        <source>A card reader on this PC lets posguide test a customer&apos;s card. Plug it in now if the shop has one; the list follows what is plugged in. No reader: press Next.</source>
        <translation>电脑上接了读卡器，posguide 就能测试顾客的卡。店里有的话现在插上，列表会跟着变化。没有读卡器就按“下一步”。</translation>
    </message>
    <message>
        <source>Card &amp;readers on this PC:</source>
        <translation>这台电脑上的读卡器(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Test with a card</source>
        <translation>用卡测试(&amp;T)</translation>
    </message>
    <message>
        <source>{count} card reader(s) found.</source>
        <translation>找到 {count} 个读卡器。</translation>
    </message>
    <message>
        <source>No card reader is plugged in.</source>
        <translation>没有插读卡器。</translation>
    </message>
    <message>
        <source>Choose a reader first.</source>
        <translation>请先选一个读卡器。</translation>
    </message>
    <message>
        <source>Put a card in the reader now…</source>
        <translation>现在请把卡插入读卡器…</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>The settings file has a mistake: correct the marked fields and save.</source>
        <translation>设置文件有错误：请改正标出的内容，然后保存。</translation>
    </message>
    <message>
        <source>Not saved: correct the marked fields.</source>
        <translation>没有保存：请改正标出的内容。</translation>
    </message>
    <message>
        <source>Saved. New incidents use these settings.</source>
        <translation>已保存。之后的故障处理会用这些设置。</translation>
    </message>
    <message>
        <source>Back to the saved settings.</source>
        <translation>已恢复为保存的设置。</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>维护公告</translation>
    </message>
    <message>
        <source>Data and backups</source>
        <translation>数据和备份</translation>
    </message>
    <message>
        <source>Sa&amp;ve settings</source>
        <translation>保存设置(&amp;V)</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>posguide — Set up this shop</source>
        <translation>posguide — 设置本店</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Leave the setup?</source>
        <translation>退出设置？</translation>
    </message>
    <message>
        <source>What you entered is not saved. Leave without saving?</source>
        <translation>填写的内容还没有保存。不保存就退出吗？</translation>
    </message>
    <message>
        <source>&amp;Leave without saving</source>
        <translation>不保存，退出(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>继续设置(&amp;S)</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The backup could not be restored: {problem}</source>
        <translation>备份没能恢复：{problem}</translation>
    </message>
    <message>
        <source>The chosen backup was restored ({count} incidents).</source>
        <translation>选中的备份已恢复（{count} 条故障记录）。</translation>
    </message>
    <message>
        <source>Today&apos;s backup of the incident history could not be made: {problem}</source>
        <translation>今天的故障记录备份没能完成：{problem}</translation>
    </message>
    <message>
        <source>The shop&apos;s playbook has mistakes, so the built-in one is used. Tell the manager: {problem}</source>
        <translation>本店的处理步骤文件有错误，现在使用系统自带的步骤。请告诉店长：{problem}</translation>
    </message>
    <message>
        <source>The incident database is not open yet, or cannot be opened.</source>
        <translation>故障记录数据库还没有打开，或无法打开。</translation>
    </message>
    <message>
        <source>The settings are saved. Close posguide and open it again to start.</source>
        <translation>设置已保存。请关闭 posguide 再重新打开，就可以开始了。</translation>
    </message>
    <message>
        <source>The settings file has a mistake, so troubleshooting cannot start:
{problems}
The manager can correct it under Manager → Settings, then open posguide again.</source>
        <translation>设置文件有错误，暂时不能开始排查：
{problems}
请店长在“店长 → 设置”里改正，然后重新打开 posguide。</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>The shop</source>
        <translation>本店</translation>
    </message>
    <message>
        <source>Its name is shown in the window and in alerts.</source>
        <translation>店名会显示在窗口和告警消息里。</translation>
    </message>
    <message>
        <source>Shop na&amp;me:</source>
        <translation>店名(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Escalate after (minutes):</source>
        <translation>多少分钟后报警(&amp;E)：</translation>
    </message>
    <message>
        <source>Same as this computer</source>
        <translation>跟随本机系统</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Names offered when an incident is recorded, one per line. Empty: typed in each time.</source>
        <translation>记录故障时可以直接选的名字，每行一个。留空：每次手动输入。</translation>
    </message>
    <message>
        <source>Na&amp;mes:</source>
        <translation>名字(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>History, reports and statistics for the shop manager (PIN)</source>
        <translation>店长用：故障记录、报告和统计（需要 PIN）</translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation>店长(&amp;M)</translation>
    </message>
    <message>
        <source>Card terminal problem? Let&apos;s fix it step by step</source>
        <translation>POS机出问题了？我们一步一步来处理</translation>
    </message>
    <message>
        <source>posguide guides you through the checks for a terminal that shows “在维护中” (under maintenance) or an error: it looks for a maintenance notice, tests the network, the terminal and the card reader for you, and prepares what to tell the provider. Press Start.</source>
        <translation>POS机显示“在维护中”或报错时，posguide 会带您一步一步检查：查看支付公司有没有发布维护通知，帮您检查网络、POS机和读卡器，并整理好要告诉支付公司的内容。请按“开始”。</translation>
    </message>
    <message>
        <source>Getting the checks ready…</source>
        <translation>正在准备检查，马上开始…</translation>
    </message>
    <message>
        <source>Unfinished troubleshooting</source>
        <translation>还没处理完的故障</translation>
    </message>
    <message>
        <source>&amp;Resume it</source>
        <translation>继续处理(&amp;R)</translation>
    </message>
    <message>
        <source>Close it as &amp;abandoned</source>
        <translation>结束，不再处理(&amp;A)</translation>
    </message>
    <message>
        <source>Training: choose a situation to practise</source>
        <translation>培训：选一个情况来练习</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>No. {number}, started {time} on terminal {terminal}: {symptom}</source>
        <translation>第 {number} 号，{time} 开始，POS机：{terminal}，现象：{symptom}</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The statistics could not be read: {error}</source>
        <translation>无法读取统计数据：{error}</translation>
    </message>
    <message>
        <source>Incidents from {since} to {until}: {count}</source>
        <translation>{since} 至 {until} 共 {count} 次故障</translation>
    </message>
    <message>
        <source>Incidents per day</source>
        <translation>每天故障次数</translation>
    </message>
    <message>
        <source>Incidents per week (from Monday)</source>
        <translation>每周故障次数（周一起）</translation>
    </message>
    <message>
        <source>By cause</source>
        <translation>按原因</translation>
    </message>
    <message>
        <source>By terminal</source>
        <translation>按终端</translation>
    </message>
    <message>
        <source>By outcome</source>
        <translation>按结果</translation>
    </message>
    <message>
        <source>By how the terminal goes online</source>
        <translation>按POS机的联网方式</translation>
    </message>
    <message>
        <source>By hour of the day</source>
        <translation>按一天中的时段</translation>
    </message>
    <message>
        <source>Consider replacing</source>
        <translation>建议更换</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>故障次数</translation>
    </message>
    <message>
        <source>Own faults</source>
        <translation>自身故障</translation>
    </message>
    <message>
        <source>Terminals with faults of their own (card reader, restarts)</source>
        <translation>有自身故障的终端（读卡器、需重启）</translation>
    </message>
    <message>
        <source>No terminal had a fault of its own in this period.</source>
        <translation>这段时间没有终端出现自身故障。</translation>
    </message>
    <message>
        <source>{terminal} ({count} faults of its own)</source>
        <translation>{terminal}（自身故障 {count} 次）</translation>
    </message>
    <message numerus="yes">
        <source>and %n more (see the list)</source>
        <translation>
            <numerusform>另有 %n 台（见列表）</numerusform>
        </translation>
    </message>
    <message>
        <source>Consider replacing: {terminals}</source>
        <translation>建议更换：{terminals}</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>To a working till (mean / median)</source>
        <translation>恢复收款用时（平均 / 中位数）</translation>
    </message>
    <message>
        <source>To resolution (mean / median)</source>
        <translation>处理完毕用时（平均 / 中位数）</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>No terminal</source>
        <translation>未填写终端</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>到（含当天）</translation>
    </message>
    <message>
        <source>Escalation rate (%)</source>
        <translation>升级比例（%）</translation>
    </message>
    <message>
        <source>Time to a working till, mean (min)</source>
        <translation>恢复收款用时，平均（分钟）</translation>
    </message>
    <message>
        <source>Time to a working till, median (min)</source>
        <translation>恢复收款用时，中位数（分钟）</translation>
    </message>
    <message>
        <source>Time to resolution, mean (min)</source>
        <translation>处理完毕用时，平均（分钟）</translation>
    </message>
    <message>
        <source>Time to resolution, median (min)</source>
        <translation>处理完毕用时，中位数（分钟）</translation>
    </message>
    <message>
        <source>Terminals&apos; own faults</source>
        <translation>终端自身故障</translation>
    </message>
    <message>
        <source>of {count} incidents</source>
        <translation>共 {count} 次故障中</translation>
    </message>
    <message>
        <source>consider replacing</source>
        <translation>建议更换</translation>
    </message>
    <message>
        <source>Per week (from Monday)</source>
        <translation>每周（周一起）</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 可打开的 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>The charts were saved to {path}</source>
        <translation>图表已保存到 {path}</translation>
    </message>
    <message>
        <source>The charts could not be saved to {path}</source>
        <translation>图表无法保存到 {path}</translation>
    </message>
    <message>
        <source>The numbers could not be saved: {error}</source>
        <translation>数据无法保存：{error}</translation>
    </message>
    <message>
        <source>The numbers were saved to {path}</source>
        <translation>数据已保存到 {path}</translation>
    </message>
    <message>
        <source>To a working till: from the start of an incident until the till took payments again (resolved, or switched to the backup terminal).
To resolution: from the start until the incident was closed, whatever its outcome.</source>
        <translation>恢复收款用时：从故障开始到收银台重新能收款（已恢复，或改用备用终端）。
处理完毕用时：从开始到这条记录结束，不论结果如何。</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出图片(&amp;P)…</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>导出 CSV(&amp;V)…</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source>N&amp;otes and photos (optional)</source>
        <translation>备注和照片（可不填）(&amp;O)</translation>
    </message>
    <message>
        <source>Notes (optional): what you saw, what you tried</source>
        <translation>备注（可以不填）：您看到了什么、试过什么</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Press Save to write posguide.toml. Nothing is saved before.</source>
        <translation>按“保存”写入 posguide.toml。在这之前什么都不会保存。</translation>
    </message>
    <message>
        <source>Shop: {name}</source>
        <translation>店名：{name}</translation>
    </message>
    <message>
        <source>Terminals:</source>
        <translation>POS机：</translation>
    </message>
    <message>
        <source>cable to the router</source>
        <translation>网线连路由器</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <translation>店里的 Wi-Fi</translation>
    </message>
    <message>
        <source>its own SIM card</source>
        <translation>自带 SIM 卡</translation>
    </message>
    <message>
        <source>telephone line</source>
        <translation>电话线</translation>
    </message>
    <message>
        <source>Provider: {name}, hotline {hotline}</source>
        <translation>收单机构：{name}，客服电话 {hotline}</translation>
    </message>
    <message>
        <source>Alerts: {count}</source>
        <translation>告警群：{count} 个</translation>
    </message>
    <message>
        <source>Staff: {names}</source>
        <translation>员工：{names}</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
</context>
<context>
    <name>TerminalsPage</name>
    <message>
        <source>Card terminals</source>
        <translation>POS机</translation>
    </message>
    <message>
        <source>Plug the terminal&apos;s data cable into this PC now: the port that appears is marked “new”. Choose it (or type the terminal&apos;s network address) and press Detect.</source>
        <translation>现在把POS机的数据线插到这台电脑上：新出现的端口会标上“新”。选中它（或输入POS机的网络地址），然后按“检测”。</translation>
    </message>
    <message>
        <source>Serial ports are listed again every second.</source>
        <translation>串口列表每秒刷新一次。</translation>
    </message>
    <message>
        <source>Serial &amp;ports on this PC:</source>
        <translation>这台电脑上的串口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation>检测(&amp;D)</translation>
    </message>
    <message>
        <source>The terminal itself goes online through:</source>
        <translation>POS机自己的联网方式：</translation>
    </message>
    <message>
        <source>A cable to the router</source>
        <translation>网线连路由器</translation>
    </message>
    <message>
        <source>The shop&apos;s Wi-Fi</source>
        <translation>店里的 Wi-Fi</translation>
    </message>
    <message>
        <source>Its own SIM card (4G)</source>
        <translation>自带的 SIM 卡（4G）</translation>
    </message>
    <message>
        <source>A telephone line</source>
        <translation>电话线</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>…or the terminal&apos;s network add&amp;ress (IP:port):</source>
        <translation>…或POS机的网络地址（IP:端口）(&amp;R)：</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <source>Add this &amp;terminal</source>
        <translation>添加这台POS机(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Update this terminal</source>
        <translation>更新这台POS机(&amp;U)</translation>
    </message>
    <message>
        <source>Bac&amp;kup device:</source>
        <translation>备用机(&amp;K)：</translation>
    </message>
    <message>
        <source>NEW · {port}</source>
        <translation>新 · {port}</translation>
    </message>
    <message>
        <source>(no serial port found)</source>
        <translation>（没有找到串口）</translation>
    </message>
    <message>
        <source>Choose a port or type an address first.</source>
        <translation>请先选一个端口或输入地址。</translation>
    </message>
    <message>
        <source>Trying {where}…</source>
        <translation>正在尝试 {where}…</translation>
    </message>
    <message>
        <source>Trying {where}: {protocol}{speed}…</source>
        <translation>正在尝试 {where}：{protocol}{speed}…</translation>
    </message>
    <message>
        <source>, {baud} baud</source>
        <translation>，{baud} 波特</translation>
    </message>
    <message>
        <source>Found: protocol “{protocol}”{speed}. The terminal answered “{reply}” ({meaning}). {seconds} s.</source>
        <translation>找到了：协议“{protocol}”{speed}。POS机回答“{reply}”（{meaning}）。用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>There is no port {where} on this PC: check the cable.</source>
        <translation>这台电脑上没有端口 {where}：请检查数据线。</translation>
    </message>
    <message>
        <source>Another program is using {where}: close it and try again.</source>
        <translation>另一个程序正在使用 {where}：请关掉它再试。</translation>
    </message>
    <message>
        <source>No terminal answered on {where} (every protocol and speed tried, {seconds} s). Check that the terminal is on and the cable is in both ends.</source>
        <translation>{where} 上没有POS机应答（所有协议和速度都试过了，用时 {seconds} 秒）。请检查POS机是否开着、数据线两头是否插好。</translation>
    </message>
    <message>
        <source>Detection failed: {error}</source>
        <translation>检测失败：{error}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>in maintenance</source>
        <translation>在维护中</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <source>a fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>not connected to this PC</source>
        <translation>没有连到这台电脑</translation>
    </message>
    <message>
        <source>None</source>
        <translation>没有</translation>
    </message>
    <message>
        <source>Till {n}</source>
        <translation>{n}号收银台</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Symptom</source>
        <translation>现象</translation>
    </message>
    <message>
        <source>Response code</source>
        <translation>应答码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Started by {staff}: {symptom}</source>
        <translation>{staff} 开始处理：{symptom}</translation>
    </message>
    <message>
        <source>Corrected by {author}: {field} “{old}” → “{new}”{reason}</source>
        <translation>{author} 更正：{field}“{old}”→“{new}”{reason}</translation>
    </message>
    <message>
        <source>Ended: {ending}</source>
        <translation>结束：{ending}</translation>
    </message>
    <message>
        <source>The escalation alarm went off</source>
        <translation>超时告警已响起</translation>
    </message>
    <message>
        <source>The cashier said the provider has been called</source>
        <translation>收银员已确认打过收单机构电话</translation>
    </message>
    <message>
        <source>Alert delivered to {channel} (attempt {n})</source>
        <translation>告警已发送到 {channel}（第 {n} 次）</translation>
    </message>
    <message>
        <source>Alert to {channel} failed (attempt {n}): {detail}</source>
        <translation>告警发送到 {channel} 失败（第 {n} 次）：{detail}</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>In the shop you would do these with your hands:</source>
        <translation>在店里，下面这些需要您亲手去做：</translation>
    </message>
    <message>
        <source>Done: {action}</source>
        <translation>已完成：{action}</translation>
    </message>
</context>
</TS>
