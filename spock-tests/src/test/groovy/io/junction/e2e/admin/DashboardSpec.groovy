package io.junction.e2e.admin

import com.microsoft.playwright.Browser
import com.microsoft.playwright.BrowserType
import com.microsoft.playwright.Page
import com.microsoft.playwright.Playwright
import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.server.admin.ServerBackendControl
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat

/**
 * The dashboard in real headless Chromium (Debian's, launched by path: Playwright downloads no
 * browser) on a real server: it shows the live status, a backend the health check marked down, the
 * last reload's errors, and its buttons change a backend's state through the server's real backend control.
 */
class DashboardSpec extends Specification {

    static final String CHROMIUM = System.getProperty('junction.test.chromium', '/usr/bin/chromium')

    @Shared @AutoCleanup Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv([PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1']))
    @Shared @AutoCleanup Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Path.of(CHROMIUM)).setHeadless(true))

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Junction junction
    AdminClient admin
    Page page
    def eventually = new PollingConditions(timeout: 20, delay: 0.2)
    /** A backend that stops answering is refused at once and marked down after one failed probe; 1s for a probe spares a loaded machine false alarms. */
    static final String HEALTH = "    health 'tcp', interval: '1s', timeout: '900ms', fall: 1, rise: 1"

    def setup() {
        junction = new Junction(dir, ['web.groovy': AdminApiSpec.script(a, b).replace("pool('web') {", "pool('web') {\n$HEALTH")])
        admin = new AdminClient(junction, '', new ServerBackendControl(junction.server))
        page = browser.newPage()
    }

    def cleanup() {
        page?.close()
        admin?.close()
        junction?.close()
        [a, b]*.close()
    }

    def "the dashboard shows listeners, traffic, a backend the health check marked down and the last reload's errors, live"() {
        given:
        4.times { assert junction.get('/').statusCode() == 200 }

        when:
        page.navigate(admin.base + '/?interval=250')

        then:
        assertThat(page.getByTestId('generation')).containsText('generation 1')
        assertThat(page.getByTestId('listener-public').getByTestId('requests')).hasText('4')
        assertThat(page.getByTestId('listener-public')).containsText("path /direct → respond 418")
        assertThat(page.getByTestId('reload')).containsText('succeeded')

        when: 'backend b stops answering'
        b.close()

        then:
        def rowB = page.getByTestId("backend-127.0.0.1:$b.port")
        assertThat(rowB.getByTestId('state')).hasText('down')
        assertThat(rowB.getByTestId('state')).hasClass('bad')
        assertThat(page.getByTestId("backend-127.0.0.1:$a.port").getByTestId('state')).hasText('up')

        when: 'a broken script is reloaded'
        junction.write(['web.groovy': "pool('web') {\n    backend 'http://nowhere'\n}\n"])
        admin.send('POST', '/api/reload')

        then:
        assertThat(page.getByTestId('reload')).containsText('failed')
        assertThat(page.getByTestId('reload-error')).containsText('web.groovy:2:')
        assertThat(page.getByTestId('generation')).containsText('generation 1')

        cleanup:
        page?.screenshot(new Page.ScreenshotOptions().setPath(Path.of('target/dashboard.png')).setFullPage(true))
    }

    def "the #label button on a backend that is #before sets it #state on the server, and the page shows it"() {
        given:
        String backend = "127.0.0.1:$a.port"
        assert admin.send('POST', "/api/backends/web/$backend/$before").statusCode() == 200
        page.navigate(admin.base + '/?interval=250')

        when:
        page.getByTestId("$command-$backend").click()

        then:
        eventually.eventually { assert admin.status().pools[0].backends.find { it.address == backend }.state == state }
        assertThat(page.getByTestId("backend-$backend").getByTestId('state')).hasText(state)

        where:
        label    | command | before  || state
        'Drain'  | 'drain' | 'up'    || 'draining'
        'Enable' | 'up'    | 'drain' || 'up'
    }
}
