package io.junction.e2e.admin

import com.microsoft.playwright.Browser
import com.microsoft.playwright.BrowserType
import com.microsoft.playwright.Page
import com.microsoft.playwright.Playwright
import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.server.admin.BackendCommand
import io.junction.server.admin.BackendControl
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat

/**
 * The dashboard in real headless Chromium (Debian's, launched by path: Playwright downloads no
 * browser): it shows the live status, a failing backend's errors, the last reload's errors, and its
 * buttons post to the backend-state endpoint (disabled while that answers 501).
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

    def setup() {
        junction = new Junction(dir, ['web.groovy': AdminApiSpec.script(a, b)])
        page = browser.newPage()
    }

    def cleanup() {
        page?.close()
        admin?.close()
        junction?.close()
        [a, b]*.close()
    }

    def "the dashboard shows listeners, traffic, a failing backend and the last reload's errors, live"() {
        given:
        admin = new AdminClient(junction)
        4.times { assert junction.get('/').statusCode() == 200 }

        when:
        page.navigate(admin.base + '/?interval=250')

        then:
        assertThat(page.getByTestId('generation')).containsText('generation 1')
        assertThat(page.getByTestId('listener-public').getByTestId('requests')).hasText('4')
        assertThat(page.getByTestId('listener-public')).containsText("path /direct → respond 418")
        assertThat(page.getByTestId('reload')).containsText('succeeded')

        when: 'backend b stops: its connects are refused and retried on a'
        b.close()
        6.times { assert junction.get('/').statusCode() == 200 }

        then:
        def rowB = page.getByTestId("backend-127.0.0.1:$b.port")
        assertThat(rowB.getByTestId('errors')).not().hasText('0')
        assertThat(page.getByTestId("backend-127.0.0.1:$a.port").getByTestId('errors')).hasText('0')
        assertThat(page.getByTestId('listener-public').getByTestId('requests')).hasText('10')
        assertThat(rowB.getByTestId("drain-127.0.0.1:$b.port")).isDisabled()

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

    def "the #label button posts '#command' for its backend and the new state shows"() {
        given:
        def control = new RecordingControl()
        admin = new AdminClient(junction, '', control)
        page.navigate(admin.base + '/?interval=250')
        String backend = "127.0.0.1:$a.port"

        when:
        page.getByTestId("$command-$backend").click()

        then:
        eventually.eventually { assert control.calls == ["web $backend $command".toString()] }
        assertThat(page.getByTestId("backend-$backend").getByTestId('state')).hasText(state)

        where:
        label    | command || state
        'Drain'  | 'drain' || 'draining'
        'Enable' | 'up'    || 'up'
    }

    /** Stands in for the backend states of the health-check work (not in this build): records each command. */
    static class RecordingControl implements BackendControl {
        final List<String> calls = [].asSynchronized()
        final Map<String, String> states = new ConcurrentHashMap<>()

        boolean available() { true }

        String state(String pool, String backend) { states.get(backend) }

        String change(String pool, String backend, BackendCommand command) {
            calls << "$pool $backend ${command.text()}".toString()
            states[backend] = command == BackendCommand.DRAIN ? 'draining' : command.text()
        }
    }
}
