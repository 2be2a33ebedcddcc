package cn.jiangmen.vethub.console;

import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The console frame's model ({@link ConsoleModelAdvice}: user, role, language links) for
 * the search, person and source pages.
 */
@ControllerAdvice(assignableTypes = { SearchController.class, SourcePageController.class })
class SearchModelAdvice extends ConsoleModelAdvice {

}
